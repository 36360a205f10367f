import type { Browser } from 'playwright-core';
import { expectAccessible, launchChromium, PHONE } from './support/browser.js';

/** The accessibility check itself must be able to fail, or a green run means nothing. */
describe('browser harness', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('fails on serious violations and names them', async () => {
    const page = await (await browser.newContext(PHONE)).newPage();
    await page.setContent(`<!doctype html><html lang="en"><head><title>Bad</title></head><body><main>
      <h1>Sign up</h1><input name="bin"><p style="color:#aaa;background:#fff">Low contrast text</p></main></body></html>`);
    const failure = await expectAccessible(page, 'harness-bad').then(() => null, (error: Error) => error.message);
    expect(failure).toContain('[critical] label');
    expect(failure).toContain('[serious] color-contrast');
    await page.context().close();
  });

  it('passes a page without violations', async () => {
    const page = await (await browser.newContext(PHONE)).newPage();
    await page.setContent(`<!doctype html><html lang="en"><head><title>Good</title></head><body><main>
      <h1>Sign up</h1><label for="bin">BIN</label><input id="bin" name="bin"></main></body></html>`);
    await expect(expectAccessible(page, 'harness-good')).resolves.toBeUndefined();
    await page.context().close();
  });
});
