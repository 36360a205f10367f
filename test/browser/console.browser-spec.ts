/// <reference lib="dom" />
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { translate } from '../../src/i18n/i18n.js';
import type { Language } from '../../src/i18n/language.js';
import { ADMIN, bearer } from '../support/test-app.js';
import { createSeminar, signUp, validBin } from '../support/factories.js';
import { expectAccessible, launchChromium, newPage, overflowsSideways, PHONE, screenshot, startBrowserApp, writeA11ySummary, type BrowserApp } from './support/browser.js';

const LAPTOP_1366: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
const t = (lang: Language, key: string, params: Record<string, unknown> = {}) => translate(lang, key as never, params);

/** Every page: axe-clean and nothing sideways. */
async function checkPage(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  expect(await overflowsSideways(page)).toBe(false);
}

/** Elements (by selector) whose text the browser broke over more than one line. */
async function brokenOverLines(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements.filter((element) => element.getClientRects().length > 1 || element.getBoundingClientRect().height > parseFloat(getComputedStyle(element).lineHeight) * 1.5 + 8).map((element) => element.textContent ?? ''),
  );
}

const submitAndLoad = (page: Page, click: Promise<void>) => Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), click]);

describe.each([
  ['phone', PHONE, 'phone'],
  ['laptop', LAPTOP_1366, 'laptop'],
] as const)('the console on a %s (issue 13: items 8, 12, 15)', (_name, device, tag) => {
  let server: BrowserApp;
  let browser: Browser;
  let page: Page;
  let seminarId: string;
  let draftId: string;
  const title = `Семинар ${tag}: жеткізушілер күні`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBrowserApp(), launchChromium()]);
    const test = server.test;
    seminarId = (await createSeminar(test, { title, capacity: 100, language: 'kk' })).id;
    draftId = (await createSeminar(test, { title: `Жоба ${tag}`, status: 'draft' })).id;
    for (let i = 0; i < 55; i++) {
      await signUp(test, seminarId, {
        fullName: i === 0 ? 'Айгерим Сейтқали' : `Қатысушы ${String(i).padStart(2, '0')}`,
        email: `p${i}.${tag}@sapa.kz`,
        company: { name: i % 2 ? 'ТОО «Сапа Құрылыс Инжиниринг Сервис Жобалау»' : 'ИП Ахметов', bin: validBin() },
      });
    }
    // An edit the audit log tells old -> new.
    await test.http.patch(`/api/seminars/${seminarId}`).set(bearer(test.adminToken)).send({ capacity: 120 }).expect(200);
    page = await newPage(browser, device, server.baseUrl);
  }, 120_000);

  afterAll(async () => {
    writeA11ySummary(`console-${tag}`);
    await browser?.close();
    await server?.close();
  });

  it('after a wrong password the password field has the focus (item 15)', async () => {
    await page.goto('/admin/login?lang=kk');
    await page.fill('#login-email', ADMIN.email);
    await page.fill('#login-password', 'wrong-password-0');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('.adm-login button[type="submit"]').click()]);
    await page.waitForLoadState('load');
    expect(await page.locator('[role="alert"]').innerText()).toBe(t('kk', 'admin.login.invalid'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
    expect(await page.inputValue('#login-email')).toBe(ADMIN.email);
    await checkPage(page, `console-login-error-${tag}`);
    await page.fill('#login-password', ADMIN.password);
    await Promise.all([page.waitForURL((url) => url.pathname === '/admin'), page.locator('.adm-login button[type="submit"]').click()]);
  });

  it('a draft is published with its own button (item 15)', async () => {
    await page.goto('/admin/seminars/new?lang=kk');
    expect(await page.locator('#sf-draft-note').innerText()).toBe(t('kk', 'publish.draftNote'));
    expect(await page.locator('input[name="status"]').count()).toBe(0);
    await checkPage(page, `console-seminar-new-${tag}`);
    await page.goto('/admin/seminars?lang=kk');
    const card = page.locator(`#seminar-${draftId}`);
    await submitAndLoad(page, card.getByRole('button', { name: t('kk', 'publish.button') }).click());
    expect(await page.locator('[role="status"]').first().innerText()).toBe(t('kk', 'publish.published'));
    expect(await page.locator(`#seminar-${draftId} .badge-ok`).innerText()).toBe(t('kk', 'admin.status.published'));
    await checkPage(page, `console-seminars-published-${tag}`);
  });

  it('registrations: room on a laptop, cards on a phone, whole statuses and BINs, a real actions cell and a row menu (item 8)', async () => {
    await page.goto(`/admin/seminars/${seminarId}/registrations?lang=kk`);
    expect(await page.locator('tbody tr').count()).toBe(50);
    expect(await page.locator('#reg-found').innerText()).toContain(t('kk', 'registrationTable.found', { count: 55 }));
    expect(await brokenOverLines(page, 'tbody .badge')).toEqual([]);
    expect(await brokenOverLines(page, 'tbody .adm-bin')).toEqual([]);
    if (tag === 'laptop') {
      const width = await page.locator('main').evaluate((main) => main.getBoundingClientRect().width);
      expect(width).toBeGreaterThanOrEqual(1280);
      expect(width).toBeLessThanOrEqual(1440);
      expect(await page.locator('tbody td.adm-row-actions').first().evaluate((cell) => getComputedStyle(cell).display)).toBe('table-cell');
      expect(await page.locator('.adm-table-wrap').evaluate((wrap) => wrap.scrollWidth <= wrap.clientWidth + 1)).toBe(true);
    } else {
      expect(await page.locator('tbody tr').first().evaluate((row) => getComputedStyle(row).display)).toBe('block');
      expect(await page.locator('thead').evaluate((head) => head.getBoundingClientRect().height <= 1)).toBe(true);
    }
    // One action in the row, the rest in a menu that opens from the keyboard, without scripts.
    const row = page.locator('tbody tr').first();
    expect(await row.locator('.adm-row-actions button').count()).toBe(1);
    await row.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await row.locator('details').evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(t('kk', 'registrationTable.emails'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(t('kk', 'admin.registrations.cancel'));
    await screenshot(page, `console-registrations-${tag}`);
    await checkPage(page, `console-registrations-${tag}`);
  });

  it('registrations: sorting keeps the filter, says aria-sort, and pages on the server (item 8)', async () => {
    await page.goto(`/admin/seminars/${seminarId}/registrations?status=confirmed&lang=kk`);
    const byName = tag === 'laptop' ? page.locator('thead th').first().locator('a') : page.locator('.adm-sort-phone a').first();
    await Promise.all([page.waitForURL(/sort=name/), byName.click()]);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ status: 'confirmed', sort: 'name', dir: 'asc' });
    expect(await page.locator('thead th').first().getAttribute('aria-sort')).toBe('ascending');
    const names = await page.locator('tbody td.adm-person strong').allInnerTexts();
    expect(names[0]).toBe('Айгерим Сейтқали');
    expect(names.slice(1, 4)).toEqual(['Қатысушы 01', 'Қатысушы 02', 'Қатысушы 03']);
    await Promise.all([page.waitForURL(/page=2/), page.locator('.adm-pager a[rel="next"]').click()]);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ status: 'confirmed', sort: 'name', dir: 'asc', page: '2' });
    expect(await page.locator('tbody tr').count()).toBe(5);
    expect(await page.locator('tbody td.adm-person strong').last().innerText()).toBe('Қатысушы 54');
    // The other way round, from the same header.
    const again = tag === 'laptop' ? page.locator('thead th').first().locator('a') : page.locator('.adm-sort-phone a').first();
    await Promise.all([page.waitForURL(/dir=desc/), again.click()]);
    expect(await page.locator('thead th').first().getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('tbody td.adm-person strong').first().innerText()).toBe('Қатысушы 54');
    await checkPage(page, `console-registrations-sorted-${tag}`);
  });

  it('the audit log speaks Kazakh sentences with old -> new in local time (item 12)', async () => {
    await page.goto('/admin/audit?lang=kk');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Алматы уақыты (UTC+5)');
    expect(main).not.toContain('Asia/Almaty');
    expect(main).toContain(t('kk', 'auditLog.action.seminar.updated', { title }));
    expect(main).toContain(t('kk', 'auditLog.action.seminar.published', { title: `Жоба ${tag}` }));
    const updated = page.locator('tr[data-action="seminar.updated"]').first();
    expect(await updated.locator('.adm-changes').innerText()).toBe(`${t('kk', 'auditLog.field.capacity')}: 100 → 120`);
    expect(main).not.toContain('seminar.updated');
    await checkPage(page, `console-audit-${tag}`);
  });

  it('the outbox finds one person among many and filters by status and kind (item 12)', async () => {
    await page.goto('/admin/outbox?lang=ru');
    await page.fill('#outbox-q', `p7.${tag}@sapa.kz`);
    await Promise.all([page.waitForURL(/q=/), page.locator('form[role="search"] button[type="submit"]').click()]);
    expect(await page.locator('#outbox-found').innerText()).toContain(t('ru', 'outboxSearch.found', { count: 1 }));
    expect(await page.locator('tbody td.adm-address').innerText()).toBe(`p7.${tag}@sapa.kz`);
    await page.goto('/admin/outbox?lang=ru');
    await page.selectOption('#outbox-kind', 'confirmation');
    await Promise.all([page.waitForURL(/kind=confirmation/), page.locator('form[role="search"] button[type="submit"]').click()]);
    expect(await page.locator('tbody tr').count()).toBe(50);
    expect(await page.locator('.adm-pager a[rel="next"]').getAttribute('href')).toContain('kind=confirmation');
    await checkPage(page, `console-outbox-${tag}`);
  });

  it('the email preview looks like the email: its inline styles apply inside the sandboxed frame', async () => {
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|violates/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto('/admin/outbox?lang=kk&kind=confirmation');
    await Promise.all([page.waitForURL(/\/admin\/outbox\/[0-9a-f-]{36}$/), page.locator('tbody td a').first().click()]);
    const label = page.frameLocator('iframe.adm-email-frame').locator('th').first();
    // style="color:#52606d" on the email's label cells.
    expect(await label.evaluate((cell) => getComputedStyle(cell).color)).toBe('rgb(82, 96, 109)');
    expect(await page.locator('main').innerText()).toContain(t('kk', 'outboxSearch.kinds.confirmation'));
    expect(blocked).toEqual([]);
    await checkPage(page, `console-outbox-email-${tag}`);
  });
});
