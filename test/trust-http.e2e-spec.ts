import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { loggablePath, RequestIdMiddleware } from '../src/common/request-id.middleware.js';
import { AppConfig } from '../src/config/app-config.js';
import { consoleAs } from './support/console-session.js';
import { createSeminar, validBin } from './support/factories.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

/** The smaller holes of the trust audit (issue 10, item 9), over HTTP. */
describe('trust: hostile requests and what the app sends back', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it("the 404 page's language links stay on this site for //evil.example/ and /\\evil.example/", async () => {
    for (const path of ['//evil.example/', '//evil.example/page?x=1', '/\\evil.example/', '///evil.example/']) {
      const page = await t.http.get(path).set('Accept', 'text/html');
      expect(page.status).toBe(404);
      const links = [...page.text.matchAll(/href="([^"]*\?[^"]*lang(?:=|&#x3D;)(?:ru|kk|en)[^"]*)"/g)].map((match) => match[1].replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'));
      expect(links.length).toBeGreaterThanOrEqual(3);
      for (const href of links) {
        expect(href).toMatch(/^\/(?![/\\])/);
        expect(new URL(href, 'https://seminars.example.org/').host).toBe('seminars.example.org');
      }
    }
  });

  it('deeply nested JSON (5,000 levels in 10 KB) is a 400 naming the body, not a 500', async () => {
    const seminar = await createSeminar(t);
    const arrays = '['.repeat(5000) + ']'.repeat(5000);
    expect(arrays.length).toBe(10_000);
    for (const body of [arrays, `{"fullName":${arrays}}`, '{"a":'.repeat(2000) + '1' + '}'.repeat(2000)]) {
      const response = await t.http.post(`/api/seminars/${seminar.id}/registrations`).set('Content-Type', 'application/json').send(body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('body') });
    }
    // An organizer route too.
    await t.http.post('/api/seminars').set(bearer(t.adminToken)).set('Content-Type', 'application/json').send(arrays).expect(400);
  });

  it('GET /api/seminars/%0d%0aX/registrations as text/csv is a 404, not a 500 (the id never reaches a header)', async () => {
    for (const id of ['%0d%0aX', '%0aSet-Cookie:%20x=1', 'a%22b']) {
      const csv = await t.http.get(`/api/seminars/${id}/registrations`).set(bearer(t.adminToken)).set('Accept', 'text/csv');
      expect(csv.status).toBe(404);
      expect(csv.headers['set-cookie']).toBeUndefined();
      await t.http.get(`/api/seminars/${id}/registrations`).set(bearer(t.adminToken)).expect(404);
    }
  });

  it('the phone pattern refuses CR, LF, tab, U+2028 and other separators inside the number', async () => {
    const seminar = await createSeminar(t);
    const body = (phone: string, n: number) => ({ fullName: 'Aigerim', email: `phone${n}@example.org`, phone, consent: true, company: { name: 'Acme', bin: validBin() } });
    const separators = ['\r', '\n', '\r\n', '\t', '\u2028', '\u2029', '\u0085', '\u00a0', '\u3000', '\u000b'];
    for (const [n, separator] of separators.entries()) {
      const response = await t.http.post(`/api/seminars/${seminar.id}/registrations`).send(body(`+7 701${separator}234 5678`, n));
      expect({ separator: JSON.stringify(separator), status: response.status }).toEqual({ separator: JSON.stringify(separator), status: 400 });
      expect(JSON.stringify(response.body.message)).toContain('phone');
    }
    await t.http.post(`/api/seminars/${seminar.id}/registrations`).send(body('+7 (701) 234-56.78', 99)).expect(201);
  });

  it('console pages and CSV exports are sent Cache-Control: no-store', async () => {
    const seminar = await createSeminar(t);
    const organizer = await consoleAs(t, 'organizer');
    for (const path of ['/admin', '/admin/seminars', `/admin/seminars/${seminar.id}/registrations/export.csv`, '/admin/check-in']) {
      const response = await organizer.browser.get(path);
      expect({ path, status: response.status, cache: response.headers['cache-control'] }).toEqual({ path, status: 200, cache: 'no-store' });
    }
    for (const path of [`/api/seminars/${seminar.id}/registrations`, '/api/reports/attendance-by-company']) {
      const response = await t.http.get(path).set(bearer(organizer.token)).set('Accept', 'text/csv').expect(200);
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('CSV exports defuse a formula after a `;` or `,` as well as at the start of a cell', async () => {
    const seminar = await createSeminar(t);
    await t.http
      .post(`/api/seminars/${seminar.id}/registrations`)
      .send({ fullName: 'Aigerim;=HYPERLINK("http://evil.example","open")', email: 'formula@example.org', position: 'CEO, +1', consent: true, company: { name: '@Acme;-1', bin: validBin() } })
      .expect(201);
    const csv = (await t.http.get(`/api/seminars/${seminar.id}/registrations`).set(bearer(t.adminToken)).set('Accept', 'text/csv').expect(200)).text;
    expect(csv).toContain(`"Aigerim;'=HYPERLINK(""http://evil.example"",""open"")"`);
    expect(csv).toContain(`"CEO, '+1"`);
    expect(csv).toContain(`"'@Acme;'-1"`);
    // No cell piece that Excel could split off starts a formula.
    for (const piece of csv.split(/[;,\r\n\t]/)) expect(piece.replace(/^[\s"]+/, '')).not.toMatch(/^[=+\-@]/);
  });

  it('check-in staff cannot open the door page of a draft seminar, nor check in to it; organizers can', async () => {
    const draft = await createSeminar(t, { status: 'draft', title: 'Secret draft seminar' });
    const checkin = await consoleAs(t, 'checkin');
    const door = await checkin.browser.get(`/admin/check-in/${draft.id}`);
    expect(door.status).toBe(404);
    expect(door.text).not.toContain('Secret draft seminar');
    const scan = await checkin.browser.post(`/admin/check-in/${draft.id}`).type('form').send({ _csrf: checkin.csrf, code: 'ABCD-1234' });
    expect(scan.status).toBe(404);
    await t.http.post(`/api/seminars/${draft.id}/check-ins`).set(bearer(checkin.token)).send({ ticketCode: 'ABCD-1234' }).expect(404);
    const list = await checkin.browser.get('/admin/check-in').expect(200);
    expect(list.text).not.toContain('Secret draft seminar');
    const organizer = await consoleAs(t, 'organizer');
    await organizer.browser.get(`/admin/check-in/${draft.id}`).expect(200);
  });
});

describe('trust: the request log', () => {
  it('replaces manage, invitation and other token segments with [redacted], keeps ids and routes', () => {
    const manage = 'Jm9x2kQw7yZ1pR4tU8vB3nC6dF0gH5jK2lM9oP1qS4u';
    expect(loggablePath(`/r/${manage}?lang=en`)).toBe('/r/[redacted]');
    expect(loggablePath(`/api/registrations/${manage}/invite.ics`)).toBe('/api/registrations/[redacted]/invite.ics');
    expect(loggablePath('/i/AbCdEfGhIjKlMnOpQrStUv')).toBe('/i/[redacted]');
    expect(loggablePath('/api/seminars/0b6f6c1e-8f6a-4a51-9d0e-3f3c2b1a0e9d/registrations')).toBe('/api/seminars/0b6f6c1e-8f6a-4a51-9d0e-3f3c2b1a0e9d/registrations');
    expect(loggablePath('/admin/seminars/new')).toBe('/admin/seminars/new');
  });

  it('the request-log line carries the redacted path', () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      const response = Object.assign(new EventEmitter(), { statusCode: 200, setHeader: () => undefined }) as unknown as Response;
      const request = { header: () => undefined, method: 'GET', originalUrl: '/r/Jm9x2kQw7yZ1pR4tU8vB3nC6dF0gH5jK2lM9oP1qS4u/cancel' } as unknown as Request;
      new RequestIdMiddleware(new AppConfig({ LOG_REQUESTS: 'on' })).use(request, response, () => undefined);
      (response as unknown as EventEmitter).emit('finish');
      const line = JSON.stringify(log.mock.calls);
      expect(line).toContain('/r/[redacted]/cancel');
      expect(line).not.toContain('Jm9x2kQw7yZ1pR4tU8vB3nC6dF0gH5jK2lM9oP1qS4u');
    } finally {
      log.mockRestore();
    }
  });
});
