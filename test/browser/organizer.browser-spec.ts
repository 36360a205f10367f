import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { translateAny } from '../../src/i18n/i18n.js';
import { createSeminar } from '../support/factories.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { ADMIN } from '../support/test-app.js';
import { docsScreenshot, expectAccessible, LAPTOP, launchChromium, newPage, overflowsSideways, PHONE, screenshot, startBrowserApp, writeA11ySummary, type BrowserApp } from './support/browser.js';

const en = (key: string, params: Record<string, unknown> = {}) => translateAny('en', key, params);

/** "2026-12-03T10:00" for a datetime-local field: `days` ahead at `hour` o'clock on the form's clock. */
function localInput(days: number, hour: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

/**
 * An organizer on a laptop: signs in, creates a seminar, sees who registered, exports the CSV, and
 * checks the person in at the door on a phone, typing the code the attendee shows.
 */
describe('organizer runs a seminar in the console', () => {
  let server: BrowserApp;
  let sink: SmtpSink;
  let browser: Browser;
  let page: Page;
  let seminarId: string;
  const title = 'Logistics tenders for UN peacekeeping';
  const attendee = { fullName: 'Nurlan Abenov', email: 'nurlan.abenov@steppe-supplies.kz', company: { name: 'Steppe Supplies LLP', bin: '990340004562' } };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    [server, browser] = await Promise.all([startBrowserApp({ SMTP_URL: sink.url }), launchChromium()]);
    page = await newPage(browser, LAPTOP, server.baseUrl, { locale: 'en-GB' });
  });

  afterAll(async () => {
    writeA11ySummary('organizer');
    await browser?.close();
    await server?.close();
    await sink?.stop();
  });

  it('signs in at /admin/login', async () => {
    await page.goto('/admin/seminars?lang=en');
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await screenshot(page, 'console-login');
    await expectAccessible(page, 'console-login');
    await page.getByLabel(en('admin.login.email')).fill(ADMIN.email);
    await page.getByLabel(en('admin.login.password')).fill(ADMIN.password);
    await Promise.all([page.waitForURL((url) => url.pathname === '/admin/seminars'), page.getByRole('button', { name: en('admin.login.submit') }).click()]);
  });

  it('creates a seminar', async () => {
    await Promise.all([page.waitForURL('**/admin/seminars/new'), page.getByRole('link', { name: en('admin.seminars.create') }).click()]);
    await page.getByLabel(en('admin.seminarForm.title')).fill(title);
    await page.getByLabel(en('admin.seminarForm.description')).fill('How to register on UNGM and bid for transport contracts.');
    await page.getByLabel(en('admin.seminarForm.startsAt')).fill(localInput(10, 10));
    await page.getByLabel(en('admin.seminarForm.endsAt')).fill(localInput(10, 13));
    await page.getByLabel(en('admin.seminarForm.city')).fill('Astana');
    await page.getByLabel(en('admin.seminarForm.venue')).fill('Congress Centre, hall B');
    await page.getByLabel(en('admin.seminarForm.language')).selectOption('ru');
    await page.getByLabel(en('admin.seminarForm.capacity')).fill('25');
    // New seminars start as drafts; Publish is the next step, on the list.
    expect(await page.locator('#sf-draft-note').innerText()).toBe(en('publish.draftNote'));
    await expectAccessible(page, 'console-seminar-form');
    await Promise.all([page.waitForURL(/\/admin\/seminars\?notice=draftCreated/), page.getByRole('button', { name: en('admin.seminarForm.create') }).click()]);
    expect(await page.locator('[role="status"]').first().innerText()).toBe(en('publish.created'));
    const card = page.locator('article.adm-seminar', { hasText: title });
    await Promise.all([page.waitForURL(/\/admin\/seminars\?notice=published/), card.getByRole('button', { name: en('publish.button') }).click()]);
    expect(await page.locator('[role="status"]').first().innerText()).toBe(en('publish.published'));
    expect(await card.count()).toBe(1);
    seminarId = ((await card.getAttribute('id')) ?? '').replace(/^seminar-/, '');
    expect(seminarId).toMatch(/^[0-9a-f-]{36}$/);
    // 10:00 on the form is 10:00 in the seminar's zone (Almaty by default).
    expect(await card.innerText()).toContain('10:00');
    await screenshot(page, 'console-seminars');
    await expectAccessible(page, 'console-seminars');
  });

  it('sees the new registration and exports the CSV', async () => {
    const signUp = await server.test.http.post(`/api/seminars/${seminarId}/registrations`).send({ ...attendee, consent: true, language: 'en' });
    expect(signUp.status).toBe(201);
    await page.goto('/admin/seminars');
    const card = page.locator(`#seminar-${seminarId}`);
    await Promise.all([page.waitForURL(`**/admin/seminars/${seminarId}/registrations`), card.getByRole('link', { name: en('admin.seminars.registrations') }).click()]);
    const row = page.locator('tbody tr', { hasText: attendee.fullName });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain(attendee.company.bin);
    expect(await row.innerText()).toContain(en('admin.registrationStatus.confirmed'));
    await screenshot(page, 'console-registrations');
    await expectAccessible(page, 'console-registrations');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: en('admin.registrations.exportCsv') }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(attendee.email);
    expect(lines[1]).toContain(attendee.company.bin);
  });

  it('checks the person in on the door page, from the code on their phone', async () => {
    // The attendee opens the manage link from their email and shows the ticket code.
    const mails = await sink.waitForTo(attendee.email, 1, 30_000);
    const manageUrl = /https?:\/\/\S+\/r\/[A-Za-z0-9_-]+/.exec(mails[0].parsed.text ?? '')?.[0];
    expect(manageUrl).toBeDefined();
    const phone = await newPage(browser, PHONE, server.baseUrl);
    await phone.goto(manageUrl!);
    const ticketCode = (await phone.locator('.reg-code').first().innerText()).trim();
    expect(ticketCode.length).toBeGreaterThan(3);
    await phone.context().close();

    // The organizer at the door, on a phone, signed in.
    const door = await newPage(browser, PHONE, server.baseUrl, { locale: 'en-GB' });
    await door.context().addCookies(await page.context().cookies());
    await door.goto('/admin/check-in?lang=en');
    await expectAccessible(door, 'door-choose-seminar');
    await Promise.all([door.waitForURL(`**/admin/check-in/${seminarId}`), door.locator(`a[href="/admin/check-in/${seminarId}"]`).tap()]);
    await door.getByLabel(en('checkin.codeLabel')).fill(ticketCode.toLowerCase());
    await Promise.all([door.waitForResponse((r) => r.request().method() === 'POST'), door.getByRole('button', { name: en('checkin.submit') }).tap()]);
    await door.waitForLoadState('load');
    const result = door.locator('.door-result');
    expect(await result.getAttribute('class')).toContain('door-ok');
    expect(await result.innerText()).toContain(attendee.fullName);
    expect(await door.locator('.door-count').innerText()).toBe(en('checkin.count', { checkedIn: 1, confirmed: 1 }));
    expect(await overflowsSideways(door)).toBe(false);
    await screenshot(door, 'door-check-in-phone');
    await expectAccessible(door, 'door-check-in');
    await door.context().close();

    // The console shows the check-in too.
    await page.reload();
    expect(await page.locator('tbody tr', { hasText: attendee.fullName }).locator('td').nth(3).innerText()).not.toBe('—');
  });

  it('README picture of the console', async () => {
    const startsAt = new Date(Date.now() + 20 * 86_400_000);
    startsAt.setUTCHours(4, 0, 0, 0);
    const endsAt = new Date(startsAt.getTime() + 3 * 3_600_000);
    await createSeminar(server.test, { title: 'Medical supplies for peacekeeping missions', city: 'Almaty', language: 'kk', capacity: 40, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
    await page.goto('/admin/seminars?lang=en');
    await page.setViewportSize({ width: 1024, height: 720 });
    await docsScreenshot(page, 'console');
  });
});
