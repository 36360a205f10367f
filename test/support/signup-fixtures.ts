import { DataSource } from 'typeorm';
import type { TestApp } from './test-app.js';

export function dataSource(t: TestApp): DataSource {
  return t.app.get(DataSource);
}

/** The session cookie and form token a browser would have after opening a page. */
export async function formSession(t: TestApp, path: string): Promise<{ cookie: string; csrf: string; html: string }> {
  const page = await t.http.get(path).set('Accept', 'text/html');
  const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!csrf) throw new Error(`no CSRF token on ${path} (${page.status})`);
  return { cookie, csrf, html: page.text };
}
