/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { translateAny } from '../../src/i18n/i18n.js';
import { RegistrationsService } from '../../src/registrations/registrations.service.js';
import { Seminar } from '../../src/seminars/seminar.entity.js';
import { createSeminar, signUpBody } from '../support/factories.js';
import { ADMIN, bearer, writeDirectly } from '../support/test-app.js';
import { docsScreenshot, expectAccessible, LAPTOP, launchChromium, newPage, overflowsSideways, PHONE, screenshot, startBrowserApp, writeA11ySummary, type BrowserApp } from './support/browser.js';

const kk = (key: string, params: Record<string, unknown> = {}) => translateAny('kk', key, params);
const en = (key: string, params: Record<string, unknown> = {}) => translateAny('en', key, params);

/**
 * After the seminar, on a phone in Kazakh and without JavaScript: the registrant picks UNSPSC codes by
 * searching in Kazakh, answers the follow-up survey and sees the next UNGM step; the organizer reads
 * the outcome report on a laptop.
 */
describe('from seminar to UNGM in the browser', () => {
  let server: BrowserApp;
  let browser: Browser;
  let phone: Page;
  let checker: Page;
  let manageUrl: string;
  const bins = ['990340004562', '000740001307', '100140011059'];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBrowserApp({ MAIL_WORKER: 'off' }), launchChromium()]);
    const t = server.test;
    const seminar = await createSeminar(t, { title: 'БҰҰ бітімгершілік миссияларына жеткізу', city: 'Астана', language: 'kk' });
    const ids: string[] = [];
    for (const [index, bin] of bins.entries()) {
      const body = signUpBody({ fullName: index === 0 ? 'Әсел Қуанышқызы Ұлықбекова' : `Attendee ${index}`, language: 'kk', company: { name: `Company ${index}`, bin, sector: 'construction' } });
      const response = await t.http.post(`/api/seminars/${seminar.id}/registrations`).send(body).expect(201);
      await t.http.post(`/api/seminars/${seminar.id}/check-ins`).set(bearer(t.adminToken)).send({ registrationId: response.body.id }).expect(200);
      ids.push(response.body.id);
    }
    const startsAt = new Date(Date.now() - 10 * 86_400_000);
    await writeDirectly(t, (manager) => manager.update(Seminar, { id: seminar.id }, { startsAt, endsAt: new Date(startsAt.getTime() + 4 * 3_600_000), registrationClosesAt: null }));
    const tokenOf = (id: string) => t.app.get(RegistrationsService).manageTokenFor(id);
    await t.http.post(`/api/registrations/${tokenOf(ids[1])}/follow-up`).send({ ungmStage: 'level1', bidsSubmitted: 4, contractsWon: 1, rating: 5 }).expect(201);
    await t.http.post(`/api/registrations/${tokenOf(ids[2])}/follow-up`).send({ ungmStage: 'basic', rating: 4 }).expect(201);
    manageUrl = `/r/${tokenOf(ids[0])}`;
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
    writeA11ySummary('outcomes');
    await browser?.close();
    await server?.close();
  });

  it('the code picker finds codes by Kazakh words and adds one, without JavaScript', async () => {
    await phone.goto(`${manageUrl}?lang=kk`);
    await Promise.all([phone.waitForURL(/\/company/), phone.getByRole('link', { name: kk('outcomes.profile.manageLink') }).tap()]);
    await phone.getByLabel(kk('outcomes.profile.searchLabel')).fill('тікұшақ');
    await Promise.all([phone.waitForURL(/q=/), phone.getByRole('button', { name: kk('outcomes.profile.search'), exact: true }).tap()]);
    const results = phone.locator('.ungm-results li');
    expect(await results.count()).toBeGreaterThan(0);
    expect(await results.first().innerText()).toContain('Әуе кемелері');
    await expectPhoneAccessible('ungm-code-picker-kk');
    expect(await overflowsSideways(phone)).toBe(false);
    await Promise.all([phone.waitForURL(/saved=1/), phone.getByRole('button', { name: kk('outcomes.profile.pick', { code: '25130000' }) }).tap()]);
    expect(await phone.locator('.ungm-codes').innerText()).toContain('25130000');
    expect(await phone.locator('.ungm-codes').innerText()).toContain('көлік');
    await phone.getByRole('textbox', { name: kk('outcomes.profile.ungmNumber') }).fill('123456');
    await Promise.all([phone.waitForURL(/saved=1/), phone.getByRole('button', { name: kk('outcomes.profile.save') }).tap()]);
    expect(await phone.getByRole('textbox', { name: kk('outcomes.profile.ungmNumber') }).inputValue()).toBe('123456');
    await screenshot(phone, 'ungm-code-picker-phone-kk');
  });

  it('the follow-up page shows the next step, takes the answer and moves to the next step', async () => {
    await phone.goto(`${manageUrl}/follow-up?mark=7&lang=kk`);
    expect(await phone.locator('h1').innerText()).toBe(kk('outcomes.followUp.title'));
    expect(await phone.locator('.ungm-next').innerText()).toContain(kk('outcomes.guide.none.next'));
    await expectPhoneAccessible('ungm-follow-up-kk');
    expect(await overflowsSideways(phone)).toBe(false);
    await phone.getByLabel(kk('outcomes.stages.basic')).check();
    await phone.getByLabel(kk('outcomes.followUp.bidsSubmitted')).fill('0');
    await phone.getByLabel(kk('outcomes.followUp.ratingValue', { value: 5 })).check();
    await phone.getByLabel(kk('outcomes.followUp.comment')).fill('Өте пайдалы болды');
    await Promise.all([phone.waitForURL(/saved=1/), phone.getByRole('button', { name: kk('outcomes.followUp.submit') }).tap()]);
    expect(await phone.locator('[role="status"]').innerText()).toContain(kk('outcomes.followUp.thanks'));
    expect(await phone.locator('.ungm-next').innerText()).toContain(kk('outcomes.guide.basic.next'));
    expect(await phone.locator('.ungm-next').innerText()).toContain(kk('outcomes.guide.basic.steps.s3'));
    await expectPhoneAccessible('ungm-follow-up-saved-kk');
    await screenshot(phone, 'ungm-follow-up-phone-kk');
    await docsScreenshot(phone, 'follow-up-phone');
    const certificate = await phone.request.get(`/api/registrations/${manageUrl.slice(3)}/certificate.pdf`);
    expect(certificate.status()).toBe(200);
    expect(certificate.headers()['content-type']).toBe('application/pdf');
  });

  it('the organizer reads the outcome report with its funnel', async () => {
    const laptop = await newPage(browser, LAPTOP, server.baseUrl, { locale: 'en-GB' });
    await laptop.goto('/admin/login?lang=en');
    await laptop.getByLabel(en('admin.login.email')).fill(ADMIN.email);
    await laptop.getByLabel(en('admin.login.password')).fill(ADMIN.password);
    await Promise.all([laptop.waitForURL((url) => !url.pathname.startsWith('/admin/login')), laptop.getByRole('button', { name: en('admin.login.submit') }).click()]);
    await laptop.goto('/admin/reports/ungm?lang=en');
    const headline = await laptop.locator('.ungm-headline').innerText();
    expect(headline).toContain(en('outcomes.report.attendedCompanies'));
    expect(await laptop.locator('.ungm-headline dd').allInnerTexts()).toEqual(['3', '3', '1', '33%', '4', '1', '4.67']);
    expect(await laptop.locator('svg.ungm-funnel desc').textContent()).toContain('of 3 companies that attended, 3 answered');
    await expectAccessible(laptop, 'ungm-outcome-report');
    // The README picture starts at the headline figures, so that the funnel fits in it too.
    await laptop.evaluate(() => window.scrollTo(0, document.querySelector('.ungm-headline')!.getBoundingClientRect().top + window.scrollY - 12));
    await docsScreenshot(laptop, 'outcome-report');
    await screenshot(laptop, 'ungm-outcome-report');
    await laptop.context().close();
  });
});
