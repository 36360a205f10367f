/// <reference lib="dom" />
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { translate } from '../../src/i18n/i18n.js';
import type { Language } from '../../src/i18n/language.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { ADMIN, bearer } from '../support/test-app.js';
import { docsScreenshot, expectAccessible, launchChromium, newPage, overflowsSideways, PHONE, screenshot, startBrowserApp, writeA11ySummary, type BrowserApp } from './support/browser.js';
import { createSeminar, seminarInput, validBin } from '../support/factories.js';

const LAPTOP_1366: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
const t = (lang: Language, key: string, params: Record<string, unknown> = {}) => translate(lang, key as never, params);

/** Interactive elements smaller than a 44 px tap target (inline text links in sentences excepted). */
async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'button, select, input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]), .button, .language-switch a, .admin-nav a, .site-footer a, .back-link';
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((element) => element.offsetParent !== null)
      .filter((element) => element.getBoundingClientRect().height < 43.5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').trim().slice(0, 30)}" ${Math.round(element.getBoundingClientRect().height)}px`);
  });
}

/** Every page: axe-clean, nothing sideways, tap targets of at least 44 px. */
async function checkPage(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  expect(await overflowsSideways(page)).toBe(false);
  expect(await smallTapTargets(page)).toEqual([]);
}

/** Is the element's top inside the visible part of the page? The browser scrolls to a fragment just after load, so wait a little. */
async function inView(page: Page, selector: string): Promise<true | string> {
  try {
    await page.waitForFunction(
      (target) => {
        const box = document.querySelector(target)?.getBoundingClientRect();
        return !!box && box.top >= -1 && box.top < window.innerHeight;
      },
      selector,
      { timeout: 5000 },
    );
    return true;
  } catch {
    return page.locator(selector).evaluate((element) => `top ${element.getBoundingClientRect().top}, scrollY ${window.scrollY}, height ${window.innerHeight}`);
  }
}

describe.each([
  ['phone', PHONE, 'phone'],
  ['laptop', LAPTOP_1366, 'laptop'],
] as const)('the experience fixes on a %s', (_name, device, tag) => {
  let server: BrowserApp;
  let sink: SmtpSink;
  let browser: Browser;
  let page: Page;
  let seminarId: string;
  let onlineId: string;
  let manageLink: string;
  let onlineManageLink: string;
  const person = { fullName: 'Айгерим Сейтқали', email: `aigerim.${tag}@sapa.kz`, company: { name: 'ТОО «Сапа Құрылыс»', bin: validBin() } };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    [server, browser] = await Promise.all([
      startBrowserApp({ SMTP_URL: sink.url, ORGANIZER_NAME: 'UNDP Kazakhstan', CONTACT_EMAIL: 'gulnar@undp.example.org' }),
      launchChromium(),
    ]);
    const test = server.test;
    seminarId = (await createSeminar(test, { title: 'БҰҰ сатып алулары: жеткізушілерге арналған семинар', language: 'kk' })).id;
    onlineId = (
      await test.http
        .post('/api/seminars')
        .set(bearer(test.adminToken))
        .send(seminarInput({ title: 'UNGM: тіркелу онлайн', format: 'online', city: undefined, venue: undefined, onlineUrl: 'https://meet.example.org/ungm' }))
        .expect(201)
    ).body.id;
    for (const [id, email] of [
      [seminarId, person.email],
      [onlineId, `online.${person.email}`],
    ]) {
      await test.http.post(`/api/seminars/${id}/registrations`).send({ ...person, email, consent: true, language: 'kk' }).expect(201);
    }
    const linkIn = async (email: string) => /http:\/\/127\.0\.0\.1:\d+\/r\/[A-Za-z0-9_-]{43}/.exec((await sink.waitForTo(email, 1))[0].parsed.text ?? '')![0];
    manageLink = await linkIn(person.email);
    onlineManageLink = await linkIn(`online.${person.email}`);
    page = await newPage(browser, device, server.baseUrl);
  });

  afterAll(async () => {
    writeA11ySummary(`experience-${tag}`);
    await browser?.close();
    await server?.close();
    await sink?.stop();
  });

  it('a rejected sign-up lands on the error summary, says "Error" in the title and names each field in form order', async () => {
    await page.goto(`/seminars/${seminarId}?lang=kk`);
    await page.fill('#signup-companyName', 'ТОО Сапа');
    await page.fill('#signup-bin', '123');
    await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('.reg-form button[type="submit"]').click()]);
    expect(new URL(page.url()).hash).toBe('#signup-result');
    expect(await page.title()).toMatch(new RegExp(`^${t('kk', 'signupErrors.title', { title: 'БҰҰ' }).slice(0, 5)}`));
    expect(await inView(page, '#signup-result')).toBe(true);
    const lines = await page.locator('#signup-result li').allInnerTexts();
    expect(lines.map((line) => line.split(':')[0])).toEqual(['fullName', 'email', 'bin', 'consent'].map((field) => t('kk', `signupErrors.fields.${field}`)));
    // The browser did not stop the form with its own bubbles: the server answered, in Kazakh.
    expect(lines[0]).toContain(t('kk', 'signup.errors.required'));
    await screenshot(page, `experience-signup-error-${tag}`);
    if (tag === 'phone') await docsScreenshot(page, 'signup-error-phone');
    await checkPage(page, `signup-error-${tag}`);
  });

  it('a reload of the form address goes back to the form, not a 404', async () => {
    const response = await page.goto(`/seminars/${seminarId}/register`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/seminars/${seminarId}`);
    expect(await page.locator('#signup-fullName').count()).toBe(1);
  });

  it('every page names the organizer and a human contact; the consent links to the privacy notice', async () => {
    const footer = await page.locator('footer').innerText();
    expect(footer).toContain('UNDP Kazakhstan');
    expect(footer).toContain('gulnar@undp.example.org');
    const privacy = page.locator('.reg-privacy a');
    expect(await privacy.getAttribute('href')).toBe('/privacy');
    await page.goto('/privacy?lang=kk');
    expect(await page.locator('h1').innerText()).toBe(t('kk', 'privacyNotice.title'));
    expect(await page.locator('main').innerText()).toContain('365');
    await checkPage(page, `privacy-${tag}`);
  });

  it('the manage page opens in the registration language, with the zone in words and Google Calendar beside the .ics', async () => {
    // A Russian browser following the Kazakh registrant's link without ?lang= still gets Kazakh.
    await page.goto(new URL(manageLink).pathname);
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    expect(await page.locator('main').innerText()).toContain('Алматы уақыты (UTC+5)');
    expect(await page.locator('main').innerText()).not.toContain('Asia/Almaty');
    const google = page.locator(`a[href^="https://calendar.google.com/calendar/render?"]`);
    expect(await google.innerText()).toBe(t('kk', 'words.googleCalendar'));
    expect(await page.locator('a[download]').count()).toBe(1);
    if (tag === 'phone') await docsScreenshot(page, 'manage-phone');
    await checkPage(page, `manage-${tag}`);
  });

  it('an online seminar: a Join button, no ticket QR, no city', async () => {
    await page.goto(onlineManageLink);
    const join = page.locator('a', { hasText: t('kk', 'online.join') });
    expect(await join.getAttribute('href')).toBe('https://meet.example.org/ungm');
    expect(await page.locator('.reg-qr').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain(t('kk', 'manage.ticketHint'));
    await checkPage(page, `manage-online-${tag}`);
  });

  it('the console finds Айгерим Сейтқали by a lower-case Kazakh surname, and the door checks her in by name', async () => {
    await page.goto('/admin/login?lang=ru');
    await page.getByLabel(t('ru', 'admin.login.email')).fill(ADMIN.email);
    await page.getByLabel(t('ru', 'admin.login.password')).fill(ADMIN.password);
    await Promise.all([page.waitForURL((url) => url.pathname === '/admin'), page.getByRole('button', { name: t('ru', 'admin.login.submit') }).click()]);
    await checkPage(page, `console-dashboard-${tag}`);

    await page.goto(`/admin/seminars/${seminarId}/registrations?q=${encodeURIComponent('сейтқали')}`);
    expect(await page.locator('main').innerText()).toContain('Айгерим Сейтқали');

    await page.goto(`/admin/check-in/${seminarId}`);
    await page.fill('#door-find', 'ТОО');
    await Promise.all([page.waitForURL(/q=/), page.locator('.door-find button').click()]);
    const match = page.locator('.door-match', { hasText: 'Айгерим Сейтқали' });
    await checkPage(page, `door-find-${tag}`);
    await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), match.locator('button').click()]);
    expect(await page.locator('.door-result').innerText()).toContain(t('ru', 'checkin.result.checkedIn'));
    if (tag === 'phone') await docsScreenshot(page, 'check-in-phone');
    await checkPage(page, `door-checked-in-${tag}`);

    await page.goto('/admin/reports?lang=ru');
    expect(await page.locator('h1').innerText()).toBe(t('ru', 'reports.title'));
    await checkPage(page, `report-${tag}`);
  });
});
