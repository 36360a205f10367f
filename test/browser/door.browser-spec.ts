/// <reference lib="dom" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { translate } from '../../src/i18n/i18n.js';
import { Registration } from '../../src/registrations/registration.entity.js';
import { bearer } from '../support/test-app.js';
import { CHROMIUM, expectAccessible, newPage, PHONE, screenshot, startBrowserApp, writeA11ySummary, type BrowserApp } from './support/browser.js';
import { createSeminar, validBin } from '../support/factories.js';

const ru = (key: string, params: Record<string, unknown> = {}) => translate('ru', key as never, params);
const LAPTOP_1366: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };

/**
 * A camera that films a ticket: a Y4M video (what Chromium's fake camera plays) of the QR code of
 * `text`, black modules on white, 8 px per module, in the middle of a 640x480 picture.
 */
function qrVideo(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const width = 640;
  const height = 480;
  const scale = 8;
  const side = modules.size * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (modules.get(Math.floor(y / scale), Math.floor(x / scale))) luma[(top + y) * width + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const file = join(mkdtempSync(join(tmpdir(), 'door-camera-')), 'ticket.y4m');
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]));
  return file;
}

async function signInAsDoorStaff(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/admin/login?lang=ru');
  await page.getByLabel(ru('admin.login.email')).fill(email);
  await page.getByLabel(ru('admin.login.password')).fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/admin/login'), page.getByRole('button', { name: ru('admin.login.submit') }).click()]);
}

/** Door check-in on a phone: the result above the input, no keyboard over it, camera scanning as an extra. */
describe('door check-in', () => {
  let server: BrowserApp;
  let browser: Browser;
  let seminarId: string;
  const codes: string[] = [];
  const staff = { email: 'door@example.org', password: 'door-password-1' };

  beforeAll(async () => {
    server = await startBrowserApp();
    const test = server.test;
    seminarId = (await createSeminar(test, { title: 'Семинар в Алматы' })).id;
    for (const name of ['Айгерим Сейтқали', 'Нурлан Абенов', 'Ержан Бекмұратов']) {
      await test.http
        .post(`/api/seminars/${seminarId}/registrations`)
        .send({ fullName: name, email: `${codes.length}.door@example.kz`, consent: true, company: { name: 'ТОО Сапа', bin: validBin() } })
        .expect(201);
      const row = await test.app.get(DataSource).getRepository(Registration).findOneByOrFail({ email: `${codes.length}.door@example.kz` });
      codes.push(row.ticketCode);
    }
    await test.http.post('/api/accounts').set(bearer(test.adminToken)).send({ ...staff, role: 'checkin' }).expect(201);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${qrVideo(codes[2])}`],
    });
  });

  afterAll(async () => {
    writeA11ySummary('door');
    await browser?.close();
    await server?.close();
  });

  it.each([
    ['phone', PHONE],
    ['laptop', LAPTOP_1366],
  ] as const)('on a %s: the result is above the input, the keyboard is not reopened, the menu is compact', async (tag, device) => {
    const page = await newPage(browser, device, server.baseUrl);
    await signInAsDoorStaff(page, staff.email, staff.password);
    expect(await page.locator('.admin-nav a').allInnerTexts()).toEqual([ru('admin.nav.checkIn'), ru('ownPassword.nav')]);
    await page.goto(`/admin/check-in/${seminarId}`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('door-code');
    await page.fill('#door-code', tag === 'phone' ? codes[0] : codes[1]);
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('.door-submit').click()]);
    await page.waitForLoadState('load');
    const result = await page.locator('.door-result').boundingBox();
    const input = await page.locator('#door-code').boundingBox();
    expect(result!.y + result!.height).toBeLessThanOrEqual(input!.y);
    expect(await page.locator('.door-result').innerText()).toContain(ru('checkin.result.checkedIn'));
    // The keyboard stays closed over the result: nothing has focus until the next tap.
    expect(await page.evaluate(() => document.activeElement?.id ?? '')).not.toBe('door-code');
    if (tag === 'phone') await screenshot(page, 'door-result-phone');
    await expectAccessible(page, `door-result-${tag}`);
    await page.context().close();
  });

  it('scans a ticket with the camera (jsQR when the browser has no BarcodeDetector for QR)', async () => {
    const page = await newPage(browser, PHONE, server.baseUrl, { permissions: ['camera'] });
    await signInAsDoorStaff(page, staff.email, staff.password);
    await page.goto(`/admin/check-in/${seminarId}`);
    const camera = page.getByRole('button', { name: ru('doorCamera.start') });
    await expectAccessible(page, 'door-camera-button');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST', { timeout: 30_000 }), camera.click()]);
    await page.waitForLoadState('load');
    expect(await page.locator('.door-result').innerText()).toContain('Ержан Бекмұратов');
    expect(await page.locator('.door-result').innerText()).toContain(ru('checkin.result.checkedIn'));
    await page.context().close();
  });

  it('without JavaScript there is no camera button, and typing a code still works', async () => {
    const page = await newPage(browser, PHONE, server.baseUrl, { javaScriptEnabled: false });
    await signInAsDoorStaff(page, staff.email, staff.password);
    await page.goto(`/admin/check-in/${seminarId}`);
    expect(await page.locator('.door-camera').count()).toBe(0);
    await page.fill('#door-code', codes[0]);
    await Promise.all([page.waitForLoadState('load'), page.locator('.door-submit').click()]);
    // Checked in a moment ago on the phone: the door says so, with the time.
    expect(await page.locator('.door-result').innerText()).toContain(ru('checkin.result.already', { time: '' }).trim().split(' ')[0]);
    await page.context().close();
  });
});
