/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { translate } from '../../src/i18n/i18n.js';
import type { Language } from '../../src/i18n/language.js';
import { Seminar } from '../../src/seminars/seminar.entity.js';
import { createSeminar, signUp, validBin } from '../support/factories.js';
import { ADMIN, bearer, writeDirectly } from '../support/test-app.js';
import { expectAccessible, launchChromium, newPage, overflowsSideways, PHONE, screenshot, startBrowserApp, writeA11ySummary, type BrowserApp } from './support/browser.js';

const LAPTOP_1366: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
const t = (lang: Language, key: string, params: Record<string, unknown> = {}) => translate(lang, key as never, params);

/** Every page: axe-clean and nothing sideways. */
async function checkPage(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  expect(await overflowsSideways(page)).toBe(false);
}

/**
 * Issue 13, items 9, 10, 11 and 13 on a phone and a laptop: the report (headline figures, charts at
 * their own size, month names in Kazakh, upcoming seminars left out), the Excel downloads, managed
 * city and sector lists, and invitations.
 */
describe.each([
  ['phone', PHONE, 'phone'],
  ['laptop', LAPTOP_1366, 'laptop'],
] as const)('reports, lists and invitations on a %s', (_name, device, tag) => {
  let server: BrowserApp;
  let browser: Browser;
  let page: Page;
  let pastId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBrowserApp({ MAIL_WORKER: 'off' }), launchChromium()]);
    const test = server.test;
    pastId = (await createSeminar(test, { title: 'БҰҰ сатып алулары', city: 'Алматы', language: 'kk' })).id;
    const upcomingId = (await createSeminar(test, { title: 'Келесі семинар', city: 'Астана', language: 'kk' })).id;
    for (const [index, name] of ['ТОО «Сапа Құрылыс»', 'ТОО «Дала Тех»', 'ИП Омарова'].entries()) {
      const bin = validBin();
      const person = await signUp(test, pastId, { fullName: `Қатысушы ${index}`, phone: '+7 701 000 00 0' + index, language: 'kk', company: { name, bin, sector: index === 0 ? 'IT' : 'ИТ и связь' } });
      if (index < 2) await test.http.post(`/api/seminars/${pastId}/check-ins`).set(bearer(test.adminToken)).send({ registrationId: person.id }).expect(200);
      await signUp(test, upcomingId, { fullName: `Келесі ${index}`, company: { name, bin } });
    }
    const startsAt = new Date('2026-10-14T05:00:00.000Z');
    await writeDirectly(test, (manager) => manager.update(Seminar, { id: pastId }, { startsAt, endsAt: new Date(startsAt.getTime() + 4 * 3_600_000), registrationClosesAt: null }));
    page = await newPage(browser, device, server.baseUrl, { locale: 'kk-KZ' });
    await page.goto('/admin/login?lang=kk');
    await page.getByLabel(t('kk', 'admin.login.email')).fill(ADMIN.email);
    await page.getByLabel(t('kk', 'admin.login.password')).fill(ADMIN.password);
    await Promise.all([page.waitForURL((url) => url.pathname === '/admin'), page.getByRole('button', { name: t('kk', 'admin.login.submit') }).click()]);
  });

  afterAll(async () => {
    writeA11ySummary(`reports-lists-${tag}`);
    await browser?.close();
    await server?.close();
  });

  it('the report opens with its headline figures and draws its charts at their own size, months in Kazakh, the upcoming seminar left out', async () => {
    await page.goto('/admin/reports?lang=kk');
    const figures = await page.locator('.rpt-headline dd').allInnerTexts();
    // 3 companies, 6 registrations (3 past, 3 upcoming), 2 came of the 3 who could have.
    expect(figures).toEqual(['3', '6', '2', '67%']);
    const headlineTop = (await page.locator('.rpt-headline').boundingBox())!.y;
    expect(headlineTop).toBeLessThan((await page.locator('.rpt-charts').boundingBox())!.y);
    expect(headlineTop).toBeLessThan(device.viewport!.height);
    for (const chart of await page.locator('svg.rpt-chart').all()) {
      const drawn = (await chart.boundingBox())!;
      const own = await chart.evaluate((svg) => ({ width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height')) }));
      // Never stretched; only shrunk where the screen is narrower than the chart, keeping its proportions.
      expect(drawn.width).toBeLessThanOrEqual(own.width + 0.5);
      expect(Math.abs(drawn.width / drawn.height - own.width / own.height)).toBeLessThan(0.02);
      if (tag === 'laptop') expect(Math.round(drawn.width)).toBe(own.width);
    }
    const months = await page.locator('svg.rpt-chart-months g > text').allTextContents();
    expect(months).toContain('қаз.');
    expect(months).not.toContain('жел.');
    expect(await page.locator('svg.rpt-chart').first().textContent()).not.toContain('Келесі');
    await checkPage(page, `report-kk-${tag}`);
    await screenshot(page, `report-kk-${tag}`);
  });

  it('downloads the registrations for Excel with Kazakh headers and phone numbers as text', async () => {
    await page.goto(`/admin/seminars/${pastId}/registrations?lang=kk`);
    await checkPage(page, `registrations-xlsx-link-${tag}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t('kk', 'spreadsheets.download') }).click()]);
    expect(download.suggestedFilename()).toBe(`registrations-${pastId}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('B1').value).toBe('Аты-жөні');
    expect(sheet.getCell('D2').value).toBe('+7 701 000 00 00');
  });
});
