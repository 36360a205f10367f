/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { freePort } from '../../support/ports.js';

/**
 * What every browser test needs: the real app listening on a loopback port, Debian's Chromium,
 * an axe-core check, and screenshots kept under test/artifacts/ (docs/ when UPDATE_SCREENSHOTS=1).
 */
export const PROJECT_ROOT = join(import.meta.dirname, '..', '..', '..');
export const ARTIFACTS_DIR = join(PROJECT_ROOT, 'test', 'artifacts');
export const DOCS_DIR = join(PROJECT_ROOT, 'docs');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** An entrepreneur's phone (iPhone 12-14 size). */
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
/** An organizer's laptop. */
export const LAPTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

export interface BrowserApp {
  test: TestApp;
  /** http://127.0.0.1:<port>, also the app's PUBLIC_URL so links in emails open here */
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts the real app (real database, migrations, seeded admin) on a free loopback port. */
export async function startBrowserApp(env: Record<string, string | undefined> = {}): Promise<BrowserApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const test = await startTestApp({ PUBLIC_URL: baseUrl, ...env });
  await test.app.listen(port, '127.0.0.1');
  return { test, baseUrl, close: () => test.close() };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * A fresh context (own cookies) with the given device. CSP is bypassed only so axe-core can be
 * injected: the app's CSP forbids inline scripts, and the pages themselves use none.
 */
export async function newPage(browser: Browser, device: BrowserContextOptions, baseURL: string, extra: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...device, baseURL, bypassCSP: true, locale: 'ru-RU', timezoneId: 'Asia/Almaty', ...extra });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

/** Every violation axe found on a page, by page name, for the report at the end of a run. */
const a11yLog: Record<string, { id: string; impact: string | null; nodes: number }[]> = {};

/**
 * Runs axe-core (WCAG 2.x A/AA rules and best practices) on the page and fails on any serious or
 * critical violation, listing each one with the elements it found.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  }) as AxeViolation[];
  a11yLog[name] = violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(join(ARTIFACTS_DIR, `a11y-${name}.json`), JSON.stringify(violations, null, 2));
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length > 0) {
    const text = blocking
      .map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}  ${n.html.slice(0, 160)}\n        ${(n.failureSummary ?? '').replace(/\n/g, ' ')}`).join('\n')}`)
      .join('\n');
    throw new Error(`Accessibility: ${blocking.length} serious/critical violation(s) on "${name}" (${page.url()}):\n${text}`);
  }
}

/** Saves a full-page screenshot as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/**
 * With UPDATE_SCREENSHOTS=1, saves the visible part of the page as a README picture in docs/
 * (viewport only, so the PNG stays small).
 */
export async function docsScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(DOCS_DIR, { recursive: true });
  await page.screenshot({ path: join(DOCS_DIR, `${name}.png`), fullPage: false, animations: 'disabled', caret: 'hide' });
}

/** True when the page is wider than its viewport (something overflows sideways on a phone). */
export async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** Writes every page's violations (all impacts) to test/artifacts/a11y-summary-<file>.json. */
export function writeA11ySummary(file: string): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(join(ARTIFACTS_DIR, `a11y-summary-${file}.json`), JSON.stringify(a11yLog, null, 2));
}
