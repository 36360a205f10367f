/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { Seminar } from '../../src/seminars/seminar.entity.js';
import { createSeminar } from '../support/factories.js';
import { writeDirectly } from '../support/test-app.js';
import { docsScreenshot, expectAccessible, LAPTOP, launchChromium, newPage, overflowsSideways, PHONE, screenshot, startBrowserApp, writeA11ySummary, type BrowserApp } from './support/browser.js';

/**
 * The catalogue as an entrepreneur meets it on a phone: seats left versus waitlist only, past
 * seminars apart, the three filters, the language switch, and dates in the seminar's own zone.
 */
describe('catalogue in a phone browser', () => {
  let server: BrowserApp;
  let browser: Browser;
  let page: Page;
  const ids: Record<string, string> = {};
  // 12:00 in Almaty (UTC+5) three weeks ahead, so the page must show 12:00, not 07:00 UTC.
  const start = new Date(Date.now() + 21 * 86_400_000);
  start.setUTCHours(7, 0, 0, 0);
  const otherMonth = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 2, 10, 4, 0, 0));

  beforeAll(async () => {
    [server, browser] = await Promise.all([startBrowserApp(), launchChromium()]);
    const at = (date: Date, hours = 3) => ({ startsAt: date.toISOString(), endsAt: new Date(date.getTime() + hours * 3_600_000).toISOString() });
    ids.open = (await createSeminar(server.test, { title: 'Selling to UN peacekeeping missions', city: 'Almaty', language: 'ru', capacity: 40, ...at(start) })).id;
    ids.full = (await createSeminar(server.test, { title: 'UNGM registration workshop', city: 'Astana', language: 'kk', capacity: 10, ...at(otherMonth) })).id;
    ids.past = (await createSeminar(server.test, { title: 'Food supply tenders explained', city: 'Shymkent', language: 'en', capacity: 30, ...at(start) })).id;
    // Setup the public API cannot express: a full house and a seminar that already happened.
    const past = new Date(Date.now() - 30 * 86_400_000);
    await writeDirectly(server.test, async (manager) => {
      await manager.update(Seminar, ids.full, { seatsTaken: 10, waitlistCount: 2 });
      await manager.update(Seminar, ids.past, { startsAt: past, endsAt: new Date(past.getTime() + 3 * 3_600_000), registrationClosesAt: null });
    });
    page = await newPage(browser, PHONE, server.baseUrl);
  });

  afterAll(async () => {
    writeA11ySummary('catalogue');
    await browser?.close();
    await server?.close();
  });

  const card = (id: string) => page.locator(`article.seminar-card:has(a[href="/seminars/${id}"])`);

  it('shows seats left, waitlist only, and past seminars in their own section', async () => {
    await page.goto('/?lang=ru');
    expect(await page.locator('h1').textContent()).toBe('Ближайшие семинары');
    const upcoming = page.locator('section.upcoming');
    expect(await upcoming.locator('article').count()).toBe(2);
    expect(await card(ids.open).locator('.seats').innerText()).toBe('Осталось мест: 40');
    expect(await card(ids.full).locator('.seats').innerText()).toBe('Только лист ожидания');
    const past = page.locator('section.past');
    expect(await past.locator('h2').textContent()).toBe('Прошедшие семинары');
    expect(await past.locator(`a[href="/seminars/${ids.past}"]`).count()).toBe(1);
    expect(await upcoming.locator(`a[href="/seminars/${ids.past}"]`).count()).toBe(0);
    // The seminar's own zone: 07:00 UTC is 12:00 in Almaty.
    expect(await card(ids.open).locator('.when').innerText()).toContain('12:00');
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'catalogue-phone-ru');
    await expectAccessible(page, 'catalogue');
  });

  it('filters by city, language and month without JavaScript', async () => {
    const context = await browser.newContext({ ...PHONE, baseURL: server.baseUrl, javaScriptEnabled: false });
    const noScript = await context.newPage();
    await noScript.goto('/?lang=en');
    await noScript.selectOption('#filter-city', 'Astana');
    await Promise.all([noScript.waitForURL(/city=Astana/), noScript.getByRole('button', { name: 'Show' }).click()]);
    const titles = () => noScript.locator('section.upcoming .card-title').allInnerTexts();
    expect(await titles()).toEqual(['UNGM registration workshop']);
    expect(await noScript.locator('.results-count').innerText()).toBe('Seminars found: 1');

    await noScript.goto('/?lang=en');
    await noScript.selectOption('#filter-language', 'ru');
    await Promise.all([noScript.waitForURL(/language=ru/), noScript.getByRole('button', { name: 'Show' }).click()]);
    expect(await titles()).toEqual(['Selling to UN peacekeeping missions']);

    // The month list offers only months that have seminars.
    const months = await noScript.locator('#filter-month option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const expected = [...new Set([start, otherMonth].map((d) => d.toISOString().slice(0, 7)))].sort();
    expect(months).toEqual(['', ...expected]);
    await noScript.selectOption('#filter-language', '');
    await noScript.selectOption('#filter-month', otherMonth.toISOString().slice(0, 7));
    await Promise.all([noScript.waitForURL(/month=/), noScript.getByRole('button', { name: 'Show' }).click()]);
    expect(await titles()).toEqual(['UNGM registration workshop']);

    await noScript.goto('/?lang=en&city=Nowhere');
    expect(await noScript.locator('.empty').innerText()).toContain('No upcoming seminars match these filters.');
    await Promise.all([noScript.waitForURL((url) => url.search === ''), noScript.locator('.empty a').click()]);
    expect(await noScript.locator('section.upcoming article').count()).toBe(2);
    await context.close();
  });

  it('switches to Kazakh and writes dates in Kazakh, in the seminar time zone', async () => {
    await page.goto('/?lang=ru');
    await Promise.all([page.waitForURL(/lang=kk/), page.locator('.language-switch a[hreflang="kk"]').tap()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    expect(await page.locator('h1').textContent()).toBe('Алдағы семинарлар');
    const monthName = new Intl.DateTimeFormat('kk-KZ', { month: 'long', timeZone: 'Asia/Almaty' }).format(start);
    const when = await card(ids.open).locator('.when').innerText();
    expect(when.toLowerCase()).toContain(monthName.toLowerCase());
    expect(when).toContain('12:00');
    expect(await card(ids.full).locator('.seats').innerText()).toBe('Тек күту парағы');
    // The choice sticks: the next page without ?lang= is still Kazakh.
    await page.goto('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    await screenshot(page, 'catalogue-phone-kk');
    await expectAccessible(page, 'catalogue-kk');
  });

  it('opens a seminar page from its card, readable at 360 px', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/?lang=ru');
    expect(await overflowsSideways(page)).toBe(false);
    await Promise.all([page.waitForURL(`**/seminars/${ids.open}`), card(ids.open).locator('.card-title a').tap()]);
    expect(await page.locator('h1').textContent()).toBe('Selling to UN peacekeeping missions');
    expect(await page.locator('.facts').innerText()).toContain('12:00');
    expect(await page.locator('.facts').innerText()).toContain('время Алматы (UTC+5)');
    expect(await overflowsSideways(page)).toBe(false);
    await screenshot(page, 'seminar-phone-360');
    await expectAccessible(page, 'seminar');
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('lays the filters out in one row on a laptop', async () => {
    const desktop = await newPage(browser, LAPTOP, server.baseUrl);
    await desktop.goto('/?lang=en');
    const tops = await desktop.locator('.filters .field, .filters button').evaluateAll((nodes) => nodes.map((n) => Math.round(n.getBoundingClientRect().bottom)));
    expect(new Set(tops).size).toBe(1);
    // Keyboard: the first Tab shows the skip link, and focus always draws a visible outline.
    await desktop.keyboard.press('Tab');
    const focused = () => desktop.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return { className: element.className, outline: `${style.outlineStyle} ${style.outlineWidth}`, onScreen: box.left >= 0 && box.top >= 0 };
    });
    expect(await focused()).toEqual({ className: 'skip-link', outline: 'solid 3px', onScreen: true });
    await desktop.keyboard.press('Tab');
    expect((await focused()).outline).toBe('solid 3px');
    await screenshot(desktop, 'catalogue-laptop-en');
    await expectAccessible(desktop, 'catalogue-laptop');
    await desktop.context().close();
  });

  it('README picture of the catalogue on a phone', async () => {
    await page.goto('/?lang=ru');
    await docsScreenshot(page, 'catalogue-phone');
  });
});
