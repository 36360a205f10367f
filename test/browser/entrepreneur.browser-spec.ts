/// <reference lib="dom" />
import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { translateAny } from '../../src/i18n/i18n.js';
import { createSeminar } from '../support/factories.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { docsScreenshot, expectAccessible, launchChromium, newPage, overflowsSideways, PHONE, screenshot, startBrowserApp, writeA11ySummary, type BrowserApp } from './support/browser.js';

const kk = (key: string, params: Record<string, unknown> = {}) => translateAny('kk', key, params);

/**
 * An entrepreneur on a phone, start to finish: finds the seminar, switches to Kazakh, gets the BIN
 * wrong once, is confirmed, follows the link in the email, takes the calendar file, and cancels.
 * The steps share one page, in order, as a person would.
 */
describe('entrepreneur signs up on a phone', () => {
  let server: BrowserApp;
  let sink: SmtpSink;
  let browser: Browser;
  let page: Page;
  let seminarId: string;
  let manageUrl: string;
  const person = { fullName: 'Айгүл Серікқызы', email: 'aigul.serikkyzy@dala-logistics.kz', phone: '+7 701 234 5678', companyName: 'Dala Logistics LLP' };
  const wrongBin = '060540001235';
  const rightBin = '060540001234';

  beforeAll(async () => {
    sink = await SmtpSink.start();
    [server, browser] = await Promise.all([startBrowserApp({ SMTP_URL: sink.url }), launchChromium()]);
    seminarId = (await createSeminar(server.test, { title: 'БҰҰ сатып алулары: жеткізушілерге арналған семинар', city: 'Almaty', language: 'kk', capacity: 30 })).id;
    await createSeminar(server.test, { title: 'Procurement basics', city: 'Astana', language: 'ru' });
    page = await newPage(browser, PHONE, server.baseUrl);
  });

  afterAll(async () => {
    writeA11ySummary('entrepreneur');
    await browser?.close();
    await server?.close();
    await sink?.stop();
  });

  it('finds the seminar in the catalogue by city', async () => {
    await page.goto('/');
    await page.selectOption('#filter-city', 'Almaty');
    await Promise.all([page.waitForURL(/city=Almaty/), page.locator('.filters button[type="submit"]').tap()]);
    const cards = page.locator('section.upcoming article');
    expect(await cards.count()).toBe(1);
    await Promise.all([page.waitForURL(`**/seminars/${seminarId}`), cards.first().locator('.card-title a').tap()]);
    expect(await page.locator('#signup-fullName').count()).toBe(1);
  });

  it('switches the page to Kazakh', async () => {
    await Promise.all([page.waitForURL(/lang=kk/), page.locator('.language-switch a[hreflang="kk"]').tap()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    expect(await page.locator('#signup-heading').textContent()).toBe(kk('signup.heading'));
    expect(await page.locator('label[for="signup-bin"]').innerText()).toContain(kk('signup.bin'));
  });

  it('submits once with a wrong BIN: the error sits by the field and the input is kept', async () => {
    await page.fill('#signup-fullName', person.fullName);
    await page.fill('#signup-email', person.email);
    await page.fill('#signup-phone', person.phone);
    await page.fill('#signup-companyName', person.companyName);
    await page.fill('#signup-bin', wrongBin);
    await page.locator('#signup-consent').check();
    await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('.reg-form button[type="submit"]').tap()]);

    const bin = page.locator('#signup-bin');
    expect(await bin.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await bin.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(/\s+/).find((id) => id.endsWith('-error'));
    expect(errorId).toBeDefined();
    expect(await page.locator(`#${errorId}`).innerText()).toContain(kk('signup.errors.bin'));
    // Only the BIN is wrong.
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
    expect(await bin.inputValue()).toBe(wrongBin);
    expect(await page.locator('#signup-fullName').inputValue()).toBe(person.fullName);
    expect(await page.locator('#signup-email').inputValue()).toBe(person.email);
    expect(await page.locator('#signup-phone').inputValue()).toBe(person.phone);
    expect(await page.locator('#signup-companyName').inputValue()).toBe(person.companyName);
    expect(await page.locator('#signup-consent').isChecked()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'signup-phone-bin-error');
    // README picture: the form on a phone, from the first field down to the BIN error.
    await page.locator('label[for="signup-fullName"]').evaluate((node) => node.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -6));
    await docsScreenshot(page, 'signup-phone');
    await expectAccessible(page, 'seminar-form-with-errors');
  });

  it('fixes the BIN and is confirmed', async () => {
    await page.fill('#signup-bin', rightBin);
    await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('.reg-form button[type="submit"]').tap()]);
    expect(await page.locator('h1').textContent()).toBe(kk('signup.thanksTitle'));
    expect(await page.locator('[role="status"]').first().innerText()).toBe(kk('signup.confirmedLead'));
    expect(await page.locator('a[download]').count()).toBeGreaterThan(0);
    await screenshot(page, 'thank-you-phone');
    await expectAccessible(page, 'thank-you');
  });

  it('opens the manage page from the link in the confirmation email', async () => {
    const mails = await sink.waitForTo(person.email, 1, 30_000);
    const text = mails[0].parsed.text ?? '';
    const links = text.match(/https?:\/\/\S+\/r\/[A-Za-z0-9_-]+/g) ?? [];
    expect(links.length).toBeGreaterThan(0);
    manageUrl = links[0]!;
    expect(manageUrl.startsWith(`${server.baseUrl}/r/`)).toBe(true);
    await page.goto(manageUrl);
    expect(await page.locator('h1').textContent()).toBe(kk('manage.title'));
    expect(await page.locator('.facts').first().innerText()).toContain(kk('manage.statusConfirmed'));
    expect(await page.locator('.facts').first().innerText()).toContain(rightBin);
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'manage-phone');
    await expectAccessible(page, 'manage');
  });

  it('downloads the .ics invite: a METHOD:REQUEST calendar for this person', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[download]').first().tap()]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const ics = readFileSync((await download.path())!, 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const attendees = events[0].getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase());
    expect(attendees).toContain(`mailto:${person.email}`);
  });

  it('cancels, and the page says so', async () => {
    await Promise.all([page.waitForURL(/cancel/), page.locator('a.button-danger').tap()]);
    expect(await page.locator('h1').textContent()).toBe(kk('manage.cancelTitle'));
    await expectAccessible(page, 'manage-cancel');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('form button.button-danger').tap()]);
    await page.waitForLoadState('load');
    expect(await page.locator('.facts').first().innerText()).toContain(kk('manage.statusCancelled'));
    await screenshot(page, 'manage-phone-cancelled');
    // The calendar is told too: a METHOD:CANCEL for the same person.
    const mails = await sink.waitFor(() => sink.to(person.email).some((mail) => /METHOD:CANCEL/.test(mail.raw)), 30_000, 'a cancellation');
    expect(mails.length).toBeGreaterThan(1);
  });
});
