import { createSeminar, signUp, validBin } from './support/factories.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';
import { consoleAs } from './support/console-session.js';

describe('GET /api/seminars/:id/registrations', () => {
  let t: TestApp;
  let seminarId: string;
  const bins = { steppe: validBin(), caspian: validBin() };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ MAIL_FROM: 'UN Business Seminars <no-reply@seminars.example.org>' });
    seminarId = (await createSeminar(t, { capacity: 2 })).id;
    ids.aigerim = (await signUp(t, seminarId, { fullName: 'Aigerim Sadykova', email: 'aigerim@example.org', language: 'ru', company: { name: 'Steppe Logistics', bin: bins.steppe, sector: 'transport' } })).id;
    ids.formula = (await signUp(t, seminarId, { fullName: '=HYPERLINK("http://evil.example.org","click")', email: 'formula@example.org', company: { name: '+Caspian, "Quoted" Ltd', bin: bins.caspian } })).id;
    ids.waiting = (await signUp(t, seminarId, { fullName: 'Ержан Бекмұратов', email: 'erzhan@example.org', company: { name: 'Steppe Logistics', bin: bins.steppe } })).id;
  });
  afterAll(async () => t?.close());

  it('returns the contract Registration fields for every registration', async () => {
    const response = await t.http.get(`/api/seminars/${seminarId}/registrations`).set(bearer(t.adminToken)).expect(200);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body).toHaveLength(3);
    const aigerim = response.body.find((r: { id: string }) => r.id === ids.aigerim);
    expect(aigerim).toEqual({
      id: ids.aigerim,
      status: 'confirmed',
      fullName: 'Aigerim Sadykova',
      email: 'aigerim@example.org',
      phone: null,
      position: null,
      language: 'ru',
      company: { name: 'Steppe Logistics', bin: bins.steppe, city: null, sector: 'transport' },
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      checkedInAt: null,
    });
    expect(response.body.find((r: { id: string }) => r.id === ids.waiting).status).toBe('waitlisted');
  });

  it('searches by name, email, company and BIN, case-insensitively, and filters by status', async () => {
    const ask = async (query: string) =>
      (await t.http.get(`/api/seminars/${seminarId}/registrations?${query}`).set(bearer(t.adminToken)).expect(200)).body.map((r: { id: string }) => r.id).sort();
    expect(await ask('q=SADYK')).toEqual([ids.aigerim]);
    expect(await ask('q=formula%40example')).toEqual([ids.formula]);
    expect(await ask(`q=${encodeURIComponent('steppe')}`)).toEqual([ids.aigerim, ids.waiting].sort());
    expect(await ask(`q=${bins.caspian}`)).toEqual([ids.formula]);
    expect(await ask('status=waitlisted')).toEqual([ids.waiting]);
    expect(await ask('q=steppe&status=confirmed')).toEqual([ids.aigerim]);
    // LIKE wildcards are searched for literally.
    expect(await ask('q=%25')).toEqual([]);
    expect(await ask('q=_')).toEqual([]);
  });

  it('rejects a bad filter with 400 naming it and an unknown seminar with 404', async () => {
    const status = await t.http.get(`/api/seminars/${seminarId}/registrations?status=lost`).set(bearer(t.adminToken));
    expect(status.status).toBe(400);
    expect(JSON.stringify(status.body.message)).toContain('status');
    const long = await t.http.get(`/api/seminars/${seminarId}/registrations?q=${'x'.repeat(201)}`).set(bearer(t.adminToken));
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body.message)).toContain('q');
    await t.http.get('/api/seminars/00000000-0000-0000-0000-000000000000/registrations').set(bearer(t.adminToken)).expect(404);
  });

  it('answers Accept: text/csv with a UTF-8 CSV (BOM, quoting, formula-safe) of the same rows', async () => {
    const response = await t.http.get(`/api/seminars/${seminarId}/registrations`).set(bearer(t.adminToken)).set('Accept', 'text/csv').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['id', 'status', 'fullName', 'email', 'phone', 'position', 'language', 'companyName', 'companyBin', 'companyCity', 'companySector', 'waitlistPosition', 'createdAt', 'checkedInAt']);
    expect(rows).toHaveLength(4);
    const byId = Object.fromEntries(rows.slice(1).map((row) => [row[0], row]));
    expect(byId[ids.formula][2]).toBe(`'=HYPERLINK("http://evil.example.org","click")`);
    expect(byId[ids.formula][7]).toBe(`'+Caspian, "Quoted" Ltd`);
    expect(byId[ids.formula][8]).toBe(bins.caspian);
    expect(byId[ids.waiting][2]).toBe('Ержан Бекмұратов');
    expect(byId[ids.waiting][11]).toBe('1');
    expect(text).toContain('\r\n');

    const filtered = await t.http.get(`/api/seminars/${seminarId}/registrations?status=waitlisted`).set(bearer(t.adminToken)).set('Accept', 'text/csv').expect(200);
    expect(parseCsv(filtered.text.replace(/^\uFEFF/, ''))).toHaveLength(2);
  });

  it('lets an organizer export the same CSV from the console', async () => {
    const organizer = await consoleAs(t, 'organizer');
    const response = await organizer.browser.get(`/admin/seminars/${seminarId}/registrations/export.csv?q=steppe`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toContain('attachment');
    expect(parseCsv(response.text.replace(/^\uFEFF/, '')).slice(1).map((row) => row[0]).sort()).toEqual([ids.aigerim, ids.waiting].sort());
  });
});

/** A small RFC 4180 reader, so the test checks the quoting rather than trusting it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index++;
    } else cell += char;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}
