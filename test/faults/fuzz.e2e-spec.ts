import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { OutboxWorker } from '../../src/mail/outbox.worker.js';
import { RegistrationsService } from '../../src/registrations/registrations.service.js';
import { createSeminar, validBin } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Hostile input over every public route and form: whatever arrives, the answer is never a 5xx,
 * markup that came in is escaped in every HTML page that goes out, and nothing a visitor types can
 * add a header to an email. Bounded: each property runs a fixed number of generated cases.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
/** Any of these, unescaped in a page, would be an injection. */
const CANARY = '<zz-canary';
const MARKUP = [
  `${CANARY} onerror="alert(1)">`,
  `"><${CANARY.slice(1)}>`,
  `'${CANARY}/>`,
  `</title>${CANARY}>`,
  `{{constructor.constructor('return 1')()}}${CANARY}>`,
];
const NASTY = [
  'Robert\r\nBcc: victim@example.org',
  'name\r\nX-Fuzz-Injected: yes',
  '=?utf-8?q?X-Fuzz-Injected=3A_yes?=',
  'line\u2028X-Fuzz-Injected: yes',
  'next\u0085X-Fuzz-Injected: yes',
  '\u0000null',
  '\u202Eevil\u202C',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩‍💼 Қазақстан',
  '../../etc/passwd',
  '%00%0d%0aX-Fuzz-Injected:%20yes',
  "' OR 1=1 --",
  '__proto__',
  'constructor',
  '😀'.repeat(150),
];

/** Addresses that SMTP, a mailto: URI or the calendar builder would refuse or read differently (issue 10). */
const HOSTILE_ADDRESSES = [
  'sales#kz@example.com',
  'fifty%off@example.com',
  'why?@example.com',
  '"quoted local"@example.com',
  '"a@b"@example.com',
  'a&b=c@example.com',
  'x/y@example.com',
  'a{b}|c@example.com',
  'a^b`c@example.com',
  '.lead@example.com',
  'two..dots@example.com',
  'name@example.com\r\nBcc: victim@example.org',
  'name@example.com, victim@example.org',
  'Name <victim@example.org>',
  'a@[127.0.0.1]',
  'a@localhost',
  'айгерим@example.kz',
  'Dana@Ёлка.kz'.normalize('NFD'),
  'anna@xn--e1afmkfd.xn--p1ai',
  `${'a'.repeat(65)}@example.com`,
];
const hostileAddress = fc.oneof(
  fc.constantFrom(...HOSTILE_ADDRESSES),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('#', '%', '?', '"', '&', '\u2028', '\u0000', ' ', '@', '..', ':', ';', '<', '\u0301'), fc.string({ maxLength: 8 }))
    .map(([before, odd, after]) => `${before}${odd}${after}-${++counter}@example.org`),
);

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...MARKUP, ...NASTY),
  fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...MARKUP, ...NASTY), fc.string({ maxLength: 10 })).map((parts) => parts.join('')),
  fc.integer({ min: 190, max: 100_000 }).map((length) => 'x'.repeat(length)),
);

const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
  fc.object({ maxDepth: 3, maxKeys: 3 }),
);

let counter = 0;
const validEmail = fc.constant(null).map(() => `fuzz-${Date.now().toString(36)}-${++counter}@example.org`);
const validBinArb = fc.nat({ max: 10_000 }).map(validBin);
/** A name a real person could have, with markup or odd characters mixed in but no control characters. */
const printableName = fc
  .tuple(fc.constantFrom('Айгерим', 'John', 'Ерлан', 'Zoë'), fc.constantFrom('', ...MARKUP, ' 👩‍💼', ' \u2028 X-Fuzz-Injected: yes', ' =?utf-8?q?X-Fuzz-Injected=3A_yes?='))
  .map(([name, extra]) => `${name}${extra}`.slice(0, 200));

/** Sign-up bodies: mostly valid with one field gone wrong, sometimes junk throughout. */
const signUpBody = fc.oneof(
  fc.record(
    {
      fullName: fc.oneof(printableName, junk),
      email: fc.oneof({ weight: 3, arbitrary: validEmail }, junk),
      phone: fc.oneof(fc.constant('+7 701 234 5678'), junk),
      position: fc.oneof(printableName, junk),
      language: fc.oneof(fc.constantFrom('ru', 'kk', 'en'), junk),
      consent: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, junk),
      company: fc.oneof(
        { weight: 3, arbitrary: fc.record({ name: fc.oneof(printableName, junk), bin: fc.oneof({ weight: 3, arbitrary: validBinArb }, junk), city: fc.oneof(printableName, junk) }, { requiredKeys: ['name', 'bin'] }) },
        junk,
      ),
    },
    { requiredKeys: [] },
  ),
  junk,
);

const pathSegment = fc.oneof(hostileString, fc.constantFrom('..', '%2e%2e', '%00', '%E0%A4%A', 'a'.repeat(5000), '00000000-0000-0000-0000-000000000000'));
/** Raw query strings, including repeated and bracketed keys and broken percent escapes. */
const queryString = fc
  .array(
    fc.tuple(fc.constantFrom('city', 'language', 'month', 'lang', 'city[]', 'lang[x]', '__proto__[x]', 'next', '_csrf', 'from', 'to'), fc.oneof(hostileString, fc.constantFrom('%', '%zz', '2026-13', '9999-99'))),
    { maxLength: 5 },
  )
  .map((pairs) => pairs.map(([key, value]) => `${key}=${/^%/.test(value) ? value : encodeURIComponent(value)}`).join('&'));

const encode = (segment: string) => (/^%/.test(segment) || segment === '..' ? segment : encodeURIComponent(segment));

function expectSafe(response: request.Response, context: unknown): void {
  if (response.status >= 500) throw new Error(`${response.status} for ${JSON.stringify(context).slice(0, 500)}: ${response.text?.slice(0, 300)}`);
  if (String(response.headers['content-type'] ?? '').includes('text/html') && response.text.includes(CANARY)) {
    throw new Error(`unescaped markup in HTML for ${JSON.stringify(context).slice(0, 500)}`);
  }
}

describe('faults: hostile input fuzz over public routes and forms', () => {
  let t: TestApp;
  let seminarId: string;
  let mailDir: string;
  let agent: ReturnType<typeof request.agent>;
  let csrf: string;

  beforeAll(async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    mailDir = mkdtempSync(join(tmpdir(), 'seminars-fuzz-mail-'));
    t = await startTestApp({ MAIL_DIR: mailDir });
    seminarId = (await createSeminar(t, { capacity: 100_000, title: `Fuzz ${MARKUP[0]}` })).id;
    agent = request.agent(t.app.getHttpServer());
    const page = await agent.get(`/seminars/${seminarId}`).expect(200);
    csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    expect(csrf).not.toBe('');
  });
  afterAll(async () => t?.close());

  it('JSON sign-up: never a 5xx, always JSON', async () => {
    await fc.assert(
      fc.asyncProperty(signUpBody, async (body) => {
        const response = await t.http.post(`/api/seminars/${seminarId}/registrations`).set('Content-Type', 'application/json').send(JSON.stringify(body) ?? 'null');
        expectSafe(response, body);
        expect(response.headers['content-type']).toContain('application/json');
        if (response.status === 201) expect(['confirmed', 'waitlisted']).toContain(response.body.status);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('hostile addresses: refused with 400 naming email, or accepted and then every email, calendar and cancellation works', async () => {
    const accepted: string[] = [];
    await fc.assert(
      fc.asyncProperty(hostileAddress, async (email) => {
        const response = await t.http.post(`/api/seminars/${seminarId}/registrations`).send({ fullName: 'Fuzz Address', email, consent: true, company: { name: 'Fuzz', bin: validBin(3) } });
        expectSafe(response, { email });
        if (response.status === 400) expect(JSON.stringify(response.body.message)).toMatch(/email/);
        else if (response.status === 201) accepted.push(response.body.id);
        else expect(response.status).toBe(409);
      }),
      { numRuns: RUNS * 2 },
    );
    const registrations = t.app.get(RegistrationsService);
    for (const id of accepted) {
      const token = registrations.manageTokenFor(id);
      await t.http.get(`/api/registrations/${token}/invite.ics`).expect((response) => expect([200, 409]).toContain(response.status));
      await t.http.post(`/api/registrations/${token}/cancel`).expect(200);
    }
    await t.app.get(OutboxWorker).drain();
    const failed: { recipient: string; last_error: string }[] = await t.app.get(DataSource).query("SELECT recipient, last_error FROM outbox_email WHERE status = 'failed'");
    expect(failed).toEqual([]);
  });

  it('JSON bodies of the wrong shape or encoding: never a 5xx', async () => {
    const raw = fc.oneof(
      hostileString,
      fc.constantFrom('{"fullName":', '[]', 'null', '1e999', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '\uFEFF{}', '{"a":'.repeat(500)),
      fc.json(),
    );
    const contentType = fc.constantFrom('application/json', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x');
    await fc.assert(
      fc.asyncProperty(raw, contentType, async (body, type) => {
        const response = await t.http.post(`/api/seminars/${seminarId}/registrations`).set('Content-Type', type).send(body);
        expectSafe(response, { body, type });
      }),
      { numRuns: RUNS },
    );
  });

  it('seminar and registration-token API routes with odd ids: never a 5xx', async () => {
    const route = fc.constantFrom(
      (id: string) => t.http.get(`/api/seminars/${id}`),
      (id: string) => t.http.post(`/api/seminars/${id}/registrations`).send({}),
      (id: string) => t.http.get(`/api/registrations/${id}`),
      (id: string) => t.http.post(`/api/registrations/${id}/cancel`),
      (id: string) => t.http.get(`/api/registrations/${id}/invite.ics`),
      (id: string) => t.http.get(`/i/${id}`).set('Accept', 'text/html'),
    );
    await fc.assert(
      fc.asyncProperty(route, pathSegment, queryString, async (call, segment, query) => {
        const response = await call(`${encode(segment)}${query ? `?${query}` : ''}`);
        expectSafe(response, { segment, query });
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('pages with odd query strings and paths: never a 5xx, markup escaped', async () => {
    const page = fc.constantFrom('/', '/seminars/SEMINAR', '/seminars/ID', '/r/ID', '/r/ID/thanks', '/r/ID/cancel', '/api/seminars', '/admin/login');
    const language = fc.constantFrom('en', 'ru;q=0.5, kk', '*', '', 'zz-ZZ', `${CANARY}>`);
    await fc.assert(
      fc.asyncProperty(page, pathSegment, queryString, language, async (template, segment, query, acceptLanguage) => {
        const path = template.replace('SEMINAR', seminarId).replace('ID', encode(segment));
        const response = await t.http.get(`${path}${query ? `?${query}` : ''}`).set('Accept', 'text/html').set('Accept-Language', acceptLanguage);
        expectSafe(response, { path, query });
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('the sign-up form: 403 without the CSRF token; with it never a 5xx and what was typed comes back escaped', async () => {
    const field = fc.oneof(printableName, hostileString);
    const form = fc.record(
      {
        fullName: field,
        email: fc.oneof(validEmail, hostileString),
        phone: field,
        position: field,
        language: fc.oneof(fc.constantFrom('ru', 'kk', 'en'), hostileString),
        companyName: field,
        bin: fc.oneof(validBinArb, hostileString),
        companyCity: field,
        consent: fc.constantFrom('yes', 'on', '', 'no', CANARY),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(form, fc.boolean(), async (fields, withToken) => {
        const body = new URLSearchParams({ ...(fields as Record<string, string>), ...(withToken ? { _csrf: csrf } : {}) }).toString();
        const response = await agent.post(`/seminars/${seminarId}/register`).type('form').set('Accept', 'text/html').send(body);
        expectSafe(response, fields);
        // 413 and 431 (too large) come before the CSRF check; both are clean refusals.
        if (!withToken) expect([403, 413, 431]).toContain(response.status);
        else expect([303, 400, 409, 413, 431]).toContain(response.status);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('other public forms (cancel by link, organizer login) with hostile fields: never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(pathSegment, hostileString, hostileString, fc.boolean(), async (token, email, password, withToken) => {
        const cancel = await agent.post(`/r/${encode(token)}/cancel`).type('form').set('Accept', 'text/html').send(withToken ? { _csrf: csrf } : {});
        expectSafe(cancel, { token });
        if (!withToken) expect([400, 403, 404, 413, 431]).toContain(cancel.status);
        const login = await agent.post('/admin/login').type('form').set('Accept', 'text/html').send({ email, password, ...(withToken ? { _csrf: csrf } : {}) });
        expectSafe(login, { email });
        const api = await t.http.post('/api/auth/login').send({ email, password });
        expectSafe(api, { email });
      }),
      { numRuns: RUNS },
    );
  });

  it('the hostile inputs of the trust audit: deep JSON, CR/LF ids on CSV exports, phone separators, off-site paths, hostile CSV: never a 5xx', async () => {
    const deep = fc.integer({ min: 65, max: 5000 }).chain((depth) =>
      fc.constantFrom('['.repeat(depth) + ']'.repeat(depth), `{"fullName":${'['.repeat(depth)}${']'.repeat(depth)}}`, '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
    );
    await fc.assert(
      fc.asyncProperty(deep, async (body) => {
        const response = await t.http.post(`/api/seminars/${seminarId}/registrations`).set('Content-Type', 'application/json').send(body);
        expectSafe(response, body.slice(0, 40));
        expect(response.status).toBe(400);
      }),
      { numRuns: RUNS },
    );
    const token = t.adminToken;
    const oddId = fc.oneof(pathSegment, fc.constantFrom('%0d%0aX', '%0aSet-Cookie:%20x=1', '%E2%80%A8', 'a%22b', '..%2f..%2f'));
    await fc.assert(
      fc.asyncProperty(oddId, fc.constantFrom('text/csv', 'application/json', '*/*'), async (segment, accept) => {
        const response = await t.http.get(`/api/seminars/${encode(segment)}/registrations`).set('Authorization', `Bearer ${token}`).set('Accept', accept);
        expectSafe(response, { segment, accept });
        // 414/431: an id of 100,000 characters is refused before any route sees it.
        expect([400, 404, 414, 431]).toContain(response.status);
      }),
      { numRuns: RUNS },
    );
    const separator = fc.constantFrom('\r', '\n', '\t', '\u2028', '\u2029', '\u0085', '\u00a0', '\u3000', '\u000b', '\u000c');
    await fc.assert(
      fc.asyncProperty(separator, fc.integer({ min: 1, max: 8 }), async (sep, at) => {
        // Inside the number: at the edges trimming removes them, which is harmless.
        const phone = '+7 701 234 5678'.split('');
        phone.splice(at, 0, sep);
        const response = await t.http
          .post(`/api/seminars/${seminarId}/registrations`)
          .send({ fullName: 'Aigerim', email: `phone-${Date.now()}-${at}@example.org`, phone: phone.join(''), consent: true, company: { name: 'Acme', bin: validBin(1) } });
        expectSafe(response, { phone: phone.join('') });
        expect(response.status).toBe(400);
        expect(JSON.stringify(response.body.message)).toContain('phone');
      }),
      { numRuns: RUNS },
    );
    for (const path of ['//evil.example/', '//evil.example/x?lang=en', '/\\evil.example/', '///evil.example']) {
      const response = await t.http.get(path).set('Accept', 'text/html');
      expectSafe(response, path);
      const links = [...response.text.matchAll(/href="([^"]*lang(?:=|&#x3D;)[^"]*)"/g)].map((match) => match[1]);
      expect(links.length).toBeGreaterThanOrEqual(3);
      for (const href of links) expect(href).toMatch(/^\/(?![/\\])/);
    }
    const hostileCsv = fc.array(fc.constantFrom('"', '""', ';', ',', '\n', '\r\n', 'a', 'x@example.org', '\uFEFF', '=cmd|x'), { minLength: 1, maxLength: 400 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(hostileCsv, async (csv) => {
        const response = await t.http.post(`/api/seminars/${seminarId}/invitations`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/csv').send(csv);
        expectSafe(response, csv.slice(0, 80));
        expect([202, 400]).toContain(response.status);
      }),
      { numRuns: RUNS },
    );
  });

  it('no header injection into emails: names with CR/LF are refused, odd ones stay inside their header', async () => {
    for (const name of ['Ann\r\nBcc: victim@example.org', 'Ann\nX-Fuzz-Injected: yes', 'Ann\rX-Fuzz-Injected: yes', 'Ann\u2028X-Fuzz-Injected: yes', 'Ann\u0085X-Fuzz-Injected: yes']) {
      const response = await t.http
        .post(`/api/seminars/${seminarId}/registrations`)
        .send({ fullName: name, email: `crlf-${++counter}@example.org`, consent: true, company: { name, bin: validBin(1) } });
      expect(response.status).toBe(400);
    }
    for (const name of [`Ann ${MARKUP[0]}`, 'Ann =?utf-8?q?X-Fuzz-Injected=3A_yes?=', 'Ann, <victim@example.org>', 'Ann "quoted" <b>bold</b>; Bcc: victim@example.org']) {
      const response = await t.http
        .post(`/api/seminars/${seminarId}/registrations`)
        .send({ fullName: name, email: `odd-${++counter}@example.org`, language: 'en', consent: true, company: { name, bin: validBin(2) } });
      expect(response.status).toBe(201);
    }

    const rows: { recipient: string; subject: string; html: string }[] = await t.app.get(DataSource).query('SELECT recipient, subject, html FROM outbox_email');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      expect(row.recipient).toMatch(/^[^\s,<>]+@[^\s,<>]+$/);
      expect(row.subject).not.toMatch(/[\r\n\u2028\u0085]/);
      expect(row.html).not.toContain(CANARY);
    }

    // The worker may have written .eml files (no SMTP_URL in tests): their header blocks must hold
    // exactly the headers the app set, one To and no Bcc, whatever was in the names.
    const emlFiles = readdirSync(mailDir, { recursive: true }).map(String).filter((file) => file.endsWith('.eml'));
    for (const file of emlFiles) {
      const raw = readFileSync(join(mailDir, file), 'utf8');
      const headerBlock = raw.split(/\r?\n\r?\n/)[0];
      const names = headerBlock
        .split(/\r?\n/)
        .filter((line) => /^[^\s:]+:/.test(line))
        .map((line) => line.split(':')[0].toLowerCase());
      expect(names).not.toContain('x-fuzz-injected');
      expect(names).not.toContain('bcc');
      expect(names.filter((name) => name === 'to')).toHaveLength(1);
    }
  });
});
