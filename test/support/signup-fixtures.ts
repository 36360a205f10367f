import { DataSource } from 'typeorm';
import { binControlDigit } from '../../src/companies/bin.js';
import type { TestApp } from './test-app.js';

/** The n-th valid BIN (control digit computed, prefixes whose check fails are skipped). */
export function binNumber(n: number): string {
  for (let candidate = n * 7 + 100; ; candidate++) {
    const prefix = String(candidate).padStart(11, '0');
    const control = binControlDigit(prefix);
    if (control !== null) return `${prefix}${control}`;
  }
}

let people = 0;

/** A valid SignUp body; override what the test is about. */
export function signUpBody(overrides: Record<string, unknown> = {}) {
  people++;
  return {
    fullName: `Participant ${people}`,
    email: `participant-${people}-${Math.random().toString(36).slice(2, 8)}@example.kz`,
    consent: true,
    company: { name: 'Steppe Supplies LLP', bin: '000740001307' },
    ...overrides,
  };
}

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
