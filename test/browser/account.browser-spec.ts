/// <reference lib="dom" />
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { translate } from '../../src/i18n/i18n.js';
import type { Language } from '../../src/i18n/language.js';
import { bearer } from '../support/test-app.js';
import { expectAccessible, launchChromium, newPage, overflowsSideways, PHONE, screenshot, startBrowserApp, writeA11ySummary, type BrowserApp } from './support/browser.js';

const LAPTOP_1366: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
const t = (lang: Language, key: string) => translate(lang, key as never);

async function checkPage(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  expect(await overflowsSideways(page)).toBe(false);
}

const submitAndLoad = (page: Page, click: Promise<void>) => Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), click]);

/** Issue 13, item 15: one's own password from the console menu, door staff on a phone, an organizer on a laptop. */
describe.each([
  ['phone', PHONE, 'checkin', 'kk'],
  ['laptop', LAPTOP_1366, 'organizer', 'ru'],
] as const)('one\'s own password on a %s', (tag, device, role, lang) => {
  let server: BrowserApp;
  let browser: Browser;
  let page: Page;
  const account = { email: `${role}.${tag}@example.org`, password: `${role}-password-1`, role };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBrowserApp(), launchChromium()]);
    await server.test.http.post('/api/accounts').set(bearer(server.test.adminToken)).send(account).expect(201);
    page = await newPage(browser, device, server.baseUrl);
  }, 120_000);

  afterAll(async () => {
    writeA11ySummary(`account-${tag}`);
    await browser?.close();
    await server?.close();
  });

  it(`a ${role} finds the page in the menu; a wrong current password shows at its field`, async () => {
    await page.goto(`/admin/login?lang=${lang}`);
    await page.fill('#login-email', account.email);
    await page.fill('#login-password', account.password);
    await Promise.all([page.waitForURL((url) => url.pathname !== '/admin/login'), page.locator('.adm-login button[type="submit"]').click()]);
    await Promise.all([page.waitForURL((url) => url.pathname === '/admin/account'), page.locator('.admin-nav').getByRole('link', { name: t(lang, 'ownPassword.nav') }).click()]);
    expect(await page.locator('h1').innerText()).toBe(t(lang, 'ownPassword.title'));
    await checkPage(page, `account-page-${tag}`);

    await page.getByLabel(t(lang, 'ownPassword.current')).fill('not-the-password');
    await page.getByLabel(t(lang, 'ownPassword.new'), { exact: true }).fill('a-new-password-123');
    await page.getByLabel(t(lang, 'ownPassword.confirm')).fill('a-new-password-123');
    await submitAndLoad(page, page.getByRole('button', { name: t(lang, 'ownPassword.submit') }).click());
    expect(await page.locator('#own-current-error').innerText()).toContain(t(lang, 'ownPassword.wrong'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('own-current');
    await checkPage(page, `account-wrong-${tag}`);
  });

  it('the right one changes it and this session goes on, with a confirmation', async () => {
    await page.getByLabel(t(lang, 'ownPassword.current')).fill(account.password);
    await page.getByLabel(t(lang, 'ownPassword.new'), { exact: true }).fill('a-new-password-123');
    await page.getByLabel(t(lang, 'ownPassword.confirm')).fill('a-new-password-123');
    await Promise.all([page.waitForURL(/notice=passwordChanged/), page.getByRole('button', { name: t(lang, 'ownPassword.submit') }).click()]);
    expect(await page.locator('[role="status"]').innerText()).toBe(t(lang, 'ownPassword.changed'));
    if (tag === 'phone') await screenshot(page, 'account-changed-phone');
    await checkPage(page, `account-changed-${tag}`);
    // Still signed in: the console's own pages open without a detour through sign-in.
    await page.goto('/admin/check-in');
    expect(new URL(page.url()).pathname).toBe('/admin/check-in');
  });
});
