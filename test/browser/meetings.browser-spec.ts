/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { translate } from '../../src/i18n/i18n.js';
import { RegistrationsService } from '../../src/registrations/registrations.service.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { ADMIN, bearer } from '../support/test-app.js';
import { docsScreenshot, expectAccessible, LAPTOP, launchChromium, newPage, overflowsSideways, PHONE, screenshot, startBrowserApp, writeA11ySummary, type BrowserApp } from './support/browser.js';
import { createSeminar, validBin } from '../support/factories.js';

const kk = (key: string, params: Record<string, unknown> = {}) => translate('kk', key as never, params);

/**
 * A registrant books a meeting with an agency desk on a phone, in Kazakh, with JavaScript off;
 * then the organizer sees it in the desk grid and marks it held.
 */
describe('meetings: booking on a phone without JavaScript, and the desk grid', () => {
  let server: BrowserApp;
  let sink: SmtpSink;
  let browser: Browser;
  let phone: Page;
  /** JavaScript on, only to run axe on what the JavaScript-free phone was shown. */
  let checker: Page;
  let seminarId: string;
  let token: string;
  const deskIds: Record<string, string> = {};

  beforeAll(async () => {
    sink = await SmtpSink.start();
    [server, browser] = await Promise.all([startBrowserApp({ SMTP_URL: sink.url }), launchChromium()]);
    const { test } = server;
    const start = new Date(Date.now() + 7 * 86_400_000);
    start.setUTCHours(4, 0, 0, 0);
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
    seminarId = (await createSeminar(test, { title: 'БҰҰ сатып алулары: агенттіктермен кездесулер', language: 'kk', startsAt: at(0), endsAt: at(360) })).id;
    for (const [agency, table, segments] of [['UNDP', 'Үстел 1', ['72']], ['UNICEF', 'Үстел 2', ['43', '46']], ['WFP', 'Үстел 3', []]] as const) {
      const desk = await test.http
        .post(`/api/seminars/${seminarId}/desks`)
        .set(bearer(test.adminToken))
        .send({ agency, table, startsAt: at(60), endsAt: at(150), slotMinutes: 15, unspscSegments: segments });
      if (desk.status !== 201) throw new Error(`desk: ${desk.status} ${JSON.stringify(desk.body)}`);
      deskIds[agency] = desk.body.id;
    }
    const signup = await test.http
      .post(`/api/seminars/${seminarId}/registrations`)
      .send({ fullName: 'Айгүл Серікқызы', email: 'aigul@dala-it.kz', consent: true, language: 'kk', company: { name: 'Dala IT LLP', bin: validBin() } });
    token = test.app.get(RegistrationsService).manageTokenFor(signup.body.id);
    // The company sells computers (segment 43): UNICEF's desk, which buys in 43, comes first.
    const profile = await test.http.patch(`/api/registrations/${token}/company`).send({ unspscCodes: ['43211503'] });
    if (profile.status !== 200) throw new Error(`profile: ${profile.status} ${JSON.stringify(profile.body)}`);
    phone = await newPage(browser, PHONE, server.baseUrl, { javaScriptEnabled: false, locale: 'kk-KZ' });
    checker = await newPage(browser, PHONE, server.baseUrl, { locale: 'kk-KZ' });
  });

  /** axe needs JavaScript; the phone has none, so its page is checked as HTML in a second tab of the same size. */
  async function expectPhoneAccessible(name: string) {
    const html = await phone.content();
    await checker.goto(phone.url());
    await checker.setContent(html, { waitUntil: 'load' });
    await expectAccessible(checker, name);
  }

  afterAll(async () => {
    writeA11ySummary('meetings');
    await browser?.close();
    await server?.close();
    await sink?.stop();
  });

  it('the manage page leads to the meetings page, in Kazakh, desks that buy what the company sells first', async () => {
    await phone.goto(`/r/${token}?lang=kk`);
    await Promise.all([phone.waitForURL(`**/r/${token}/meetings`), phone.getByRole('link', { name: kk('meetings.link') }).tap()]);
    expect(await phone.locator('html').getAttribute('lang')).toBe('kk');
    expect(await phone.locator('h1').innerText()).toBe(kk('meetings.title'));
    const headings = await phone.locator('.desk-card h3').allInnerTexts();
    expect(headings[0]).toContain('UNICEF');
    expect(headings[0]).toContain(kk('meetings.matches'));
    expect(await overflowsSideways(phone)).toBe(false);
    await expectPhoneAccessible('meetings-phone-kk');
  });

  it('books a time with a plain form: the meeting is listed, the time is gone from the choices, an email with its invite arrives', async () => {
    const unicef = phone.locator('.desk-card', { has: phone.locator(`#desk-${deskIds.UNICEF}`) });
    const choice = unicef.locator('input[name="slotId"]').nth(1);
    const slotId = await choice.getAttribute('value');
    await choice.check();
    await Promise.all([phone.waitForURL(/notice=booked/), unicef.getByRole('button', { name: kk('meetings.book') }).tap()]);
    expect(await phone.locator('.notice-ok').innerText()).toBe(kk('meetings.booked'));
    expect(await phone.locator('.meeting-item').count()).toBe(1);
    expect(await phone.locator('.meeting-item').innerText()).toContain('UNICEF');
    expect(await phone.locator(`input[value="${slotId}"]`).count()).toBe(0);
    await screenshot(phone, 'meetings-phone-kk-booked');
    await expectPhoneAccessible('meetings-phone-kk-booked');
    await sink.waitFor(() => sink.to('aigul@dala-it.kz').some((m) => /UNICEF/.test(m.parsed.subject ?? '')), 20_000, 'the meeting email');
    const mail = sink.to('aigul@dala-it.kz').find((m) => /UNICEF/.test(m.parsed.subject ?? ''))!;
    expect(mail.parsed.subject).toContain(kk('email.meeting-booked.subject', { agency: 'UNICEF', when: '' }).split(':')[0]);
  });

  it('a second booking that overlaps is refused on the page with the reason, in Kazakh', async () => {
    const undp = phone.locator('.desk-card', { has: phone.locator(`#desk-${deskIds.UNDP}`) });
    await undp.locator('input[name="slotId"]').nth(1).check();
    await Promise.all([phone.waitForLoadState('load'), phone.waitForResponse((r) => r.request().method() === 'POST'), undp.getByRole('button', { name: kk('meetings.book') }).tap()]);
    expect(await phone.locator('.notice-danger').innerText()).toBe(kk('meetings.errors.meeting_overlap'));
    await expectPhoneAccessible('meetings-phone-kk-refused');
  });

  it('the organizer sees the booking in the desk grid, marks it held, and prints a desk schedule', async () => {
    const laptop = await newPage(browser, LAPTOP, server.baseUrl, { locale: 'en-GB' });
    await laptop.goto('/admin/login?lang=en');
    await laptop.getByLabel(translate('en', 'admin.login.email')).fill(ADMIN.email);
    await laptop.getByLabel(translate('en', 'admin.login.password')).fill(ADMIN.password);
    await Promise.all([laptop.waitForURL((url) => url.pathname !== '/admin/login'), laptop.getByRole('button', { name: translate('en', 'admin.login.submit') }).click()]);
    await laptop.goto(`/admin/seminars/${seminarId}/desks`);
    expect(await laptop.locator('.desk-grid thead th').count()).toBe(4);
    expect(await laptop.locator('td.cell-booked').count()).toBe(1);
    expect(await laptop.locator('td.cell-booked').innerText()).toContain('Dala IT LLP');
    await expectAccessible(laptop, 'desk-grid');
    await docsScreenshot(laptop, 'desk-grid');
    await screenshot(laptop, 'desk-grid');
    await Promise.all([laptop.waitForURL(/notice=held/), laptop.locator('td.cell-booked').getByRole('button', { name: translate('en', 'meetings.console.markHeld') }).click()]);
    expect(await laptop.locator('td.cell-held').count()).toBe(1);
    await laptop.goto(`/admin/seminars/${seminarId}/desks/${deskIds.UNICEF}/schedule`);
    expect(await laptop.locator('.schedule-table').innerText()).toContain('Dala IT LLP');
    await laptop.emulateMedia({ media: 'print' });
    expect(await laptop.locator('.site-header').isVisible()).toBe(false);
    await expectAccessible(laptop, 'desk-schedule');

    // The report by agency: CSV and XLSX side by side; the XLSX has the held meeting.
    await laptop.emulateMedia({ media: 'screen' });
    await laptop.goto(`/admin/seminars/${seminarId}/meetings/report`);
    await expectAccessible(laptop, 'meetings-report');
    const [download] = await Promise.all([laptop.waitForEvent('download'), laptop.getByRole('link', { name: translate('en', 'spreadsheets.download'), exact: true }).click()]);
    expect(download.suggestedFilename()).toBe(`meetings-by-agency-${seminarId}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A1').value).toBe(translate('en', 'meetings.report.agency'));
    const unicef = (sheet.getColumn(1).values as unknown[]).indexOf('UNICEF');
    expect(sheet.getRow(unicef).getCell(4).value).toBe(1);
  });
});
