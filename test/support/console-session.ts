import request from 'supertest';
import type { TestApp } from './test-app.js';

/** The hidden CSRF field of a rendered page. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field on the page');
  return match[1];
}

export type Browser = ReturnType<typeof request.agent>;

/** A cookie-keeping client that asks for HTML, as a browser does (errors then come as pages). */
export function browserFor(t: TestApp): Browser {
  return request.agent(t.app.getHttpServer()).set('Accept', 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8');
}

/** A cookie-keeping client signed in through the console's login form, like a browser. */
export async function signInToConsole(t: TestApp, email: string, password: string): Promise<{ browser: Browser; csrf: string }> {
  const browser = browserFor(t);
  const page = await browser.get('/admin/login').expect(200);
  const csrf = csrfFrom(page.text);
  const login = await browser.post('/admin/login').type('form').send({ _csrf: csrf, email, password, next: '/admin' });
  if (login.status !== 303) throw new Error(`console login failed: ${login.status}`);
  return { browser, csrf };
}

/** Creates an account through the API and signs it in to the console. */
export async function consoleAs(t: TestApp, role: 'admin' | 'organizer' | 'checkin', email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`) {
  const password = `${role}-password-1`;
  const created = await t.http.post('/api/accounts').set({ Authorization: `Bearer ${t.adminToken}` }).send({ email, password, role });
  if (created.status !== 201) throw new Error(`account creation failed: ${created.status}`);
  const api = await t.http.post('/api/auth/login').send({ email, password });
  return { ...(await signInToConsole(t, email, password)), token: api.body.accessToken as string, email, password, id: created.body.id as string };
}
