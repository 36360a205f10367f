import { DataSource } from 'typeorm';
import { Registration } from '../src/registrations/registration.entity.js';
import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { ReportsService } from '../src/attendance/reports.service.js';
import { Seminar } from '../src/seminars/seminar.entity.js';
import { createSeminar, signUp, validBin } from './support/factories.js';
import { consoleAs, csrfFrom } from './support/console-session.js';
import { usingPostgres } from './support/database.js';
import { bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';

/**
 * The attendance report on a known data set. Everything goes through the real API (seminars,
 * sign-ups, cancellations, check-ins, a seminar cancellation); only the calendar is then moved, so
 * that three seminars lie in the past, as if time had passed (the API refuses sign-ups to past ones).
 */
describe('attendance: report by company', () => {
  let t: TestApp;
  let organizer: Awaited<ReturnType<typeof consoleAs>>;
  let door: Awaited<ReturnType<typeof consoleAs>>;
  const seminars: Record<'march' | 'june' | 'future' | 'cancelled', { id: string }> = {} as never;
  const companies = {
    alpha: { name: 'Alpha Build LLP', bin: '', sector: 'construction' },
    beta: { name: 'Бета Фуд ТОО', bin: '', sector: 'food' },
    gamma: { name: 'Gamma Trade LLP', bin: '', sector: 'construction' },
    delta: { name: 'Delta IT LLP', bin: '', sector: 'IT' },
    aral: { name: 'Aral Logistics LLP', bin: '', sector: 'logistics' },
    evil: { name: '=HYPERLINK("http://x","click") "Co"', bin: '', sector: 'food' },
  };
  type CompanyKey = keyof typeof companies;
  let people = 0;

  async function person(seminar: keyof typeof seminars, company: CompanyKey, then: 'confirmed' | 'checkIn' | 'cancel' | 'waitlisted' = 'confirmed') {
    people += 1;
    const created = await signUp(t, seminars[seminar].id, { fullName: `Person ${people}`, email: `person-${people}@example.kz`, company: companies[company] });
    expect(created.status).toBe(then === 'waitlisted' ? 'waitlisted' : 'confirmed');
    if (then === 'checkIn') await t.http.post(`/api/seminars/${seminars[seminar].id}/check-ins`).set(bearer(door.token)).send({ registrationId: created.id }).expect(200);
    if (then === 'cancel') await t.http.post(`/api/registrations/${t.app.get(RegistrationsService).manageTokenFor(created.id)}/cancel`).expect(200);
    return created.id;
  }

  async function moveToPast(seminar: { id: string }, startsAt: string) {
    const start = new Date(startsAt);
    await writeDirectly(t, (manager) => manager.update(Seminar, { id: seminar.id }, { startsAt: start, endsAt: new Date(start.getTime() + 4 * 3_600_000), registrationClosesAt: null }));
  }

  const report = (query = '', token = organizer.token) => t.http.get(`/api/reports/attendance-by-company${query}`).set(bearer(token));
  const row = (body: { company: { bin: string } }[], key: CompanyKey) => body.find((r) => r.company.bin === companies[key].bin);

  beforeAll(async () => {
    t = await startTestApp();
    for (const company of Object.values(companies)) company.bin = validBin();
    organizer = await consoleAs(t, 'organizer');
    door = await consoleAs(t, 'checkin');
    seminars.march = await createSeminar(t, { title: 'March in Almaty', city: 'Almaty', capacity: 10 });
    seminars.june = await createSeminar(t, { title: 'June in Astana', city: 'Astana', capacity: 3 });
    seminars.future = await createSeminar(t, { title: 'Coming up in Almaty', city: 'Almaty', capacity: 10 });
    seminars.cancelled = await createSeminar(t, { title: 'Cancelled in Shymkent', city: 'Shymkent', capacity: 10 });

    // Alpha: 2 attended, 1 no-show, 1 cancelled, 1 upcoming, 1 on a cancelled seminar.
    await person('march', 'alpha', 'checkIn');
    await person('march', 'alpha');
    await person('march', 'alpha', 'cancel');
    await person('june', 'alpha', 'checkIn');
    await person('future', 'alpha');
    await person('cancelled', 'alpha');
    // Beta: June only (full at 3): 1 attended, 1 no-show, 1 waitlisted.
    await person('june', 'beta', 'checkIn');
    await person('june', 'beta');
    await person('june', 'beta', 'waitlisted');
    // Gamma: upcoming seminar, one already checked in, two not (not no-shows: it has not ended).
    await person('future', 'gamma', 'checkIn');
    await person('future', 'gamma');
    await person('future', 'gamma');
    // Delta: one upcoming; on the cancelled seminar, one confirmed and one who cancelled before it was called off.
    await person('future', 'delta');
    await person('cancelled', 'delta');
    await person('cancelled', 'delta', 'cancel');
    // Aral: one upcoming.
    await person('future', 'aral');
    // A company name made to attack spreadsheets: one cancelled registration in March.
    await person('march', 'evil', 'cancel');

    await t.http.post(`/api/seminars/${seminars.cancelled.id}/cancel`).set(bearer(organizer.token)).expect(200);
    await moveToPast(seminars.march, '2026-03-10T05:00:00.000Z');
    await moveToPast(seminars.june, '2026-06-15T05:00:00.000Z');
    await moveToPast(seminars.cancelled, '2026-04-20T05:00:00.000Z');
  });
  afterAll(async () => t?.close());

  it('needs an organizer: 401 without a token, 403 for check-in staff', async () => {
    await t.http.get('/api/reports/attendance-by-company').expect(401);
    await report('', door.token).expect(403);
    await t.http.get(`/api/seminars/${seminars.march.id}/summary`).expect(401);
    await report('', t.adminToken).expect(200);
  });

  it('computes every company exactly, sorted by attended, then registered, then name', async () => {
    const res = await report().expect(200);
    expect(res.body).toEqual([
      { company: { bin: companies.alpha.bin, name: 'Alpha Build LLP' }, registered: 4, attended: 2, noShows: 1, cancelled: 1, attendanceRate: 2 / 3, seminars: 3, waitlisted: 0, meetingsBooked: 0, meetingsHeld: 0, ungmStage: null },
      { company: { bin: companies.gamma.bin, name: 'Gamma Trade LLP' }, registered: 3, attended: 1, noShows: 0, cancelled: 0, attendanceRate: 1, seminars: 1, waitlisted: 0, meetingsBooked: 0, meetingsHeld: 0, ungmStage: null },
      { company: { bin: companies.beta.bin, name: 'Бета Фуд ТОО' }, registered: 2, attended: 1, noShows: 1, cancelled: 0, attendanceRate: 0.5, seminars: 1, waitlisted: 1, meetingsBooked: 0, meetingsHeld: 0, ungmStage: null },
      { company: { bin: companies.aral.bin, name: 'Aral Logistics LLP' }, registered: 1, attended: 0, noShows: 0, cancelled: 0, attendanceRate: null, seminars: 1, waitlisted: 0, meetingsBooked: 0, meetingsHeld: 0, ungmStage: null },
      { company: { bin: companies.delta.bin, name: 'Delta IT LLP' }, registered: 1, attended: 0, noShows: 0, cancelled: 1, attendanceRate: null, seminars: 1, waitlisted: 0, meetingsBooked: 0, meetingsHeld: 0, ungmStage: null },
      { company: { bin: companies.evil.bin, name: companies.evil.name }, registered: 0, attended: 0, noShows: 0, cancelled: 1, attendanceRate: null, seminars: 0, waitlisted: 0, meetingsBooked: 0, meetingsHeld: 0, ungmStage: null },
    ]);
  });

  it('filters by seminar start (dates are whole days in Kazakhstan), city and sector', async () => {
    const march = (await report('?from=2026-03-01&to=2026-03-10').expect(200)).body;
    expect(march.map((r: { company: { bin: string } }) => r.company.bin)).toEqual([companies.alpha.bin, companies.evil.bin]);
    expect(row(march, 'alpha')).toMatchObject({ registered: 2, attended: 1, noShows: 1, cancelled: 1, attendanceRate: 0.5, seminars: 1 });
    // "to" a day before the seminar leaves it out; a date-time bound is exact
    expect((await report('?from=2026-03-01&to=2026-03-09').expect(200)).body).toEqual([]);
    expect((await report('?from=2026-03-10T05:00:00Z&to=2026-03-10T05:00:01Z').expect(200)).body).toHaveLength(2);

    const astana = (await report('?city=Astana').expect(200)).body;
    expect(astana).toHaveLength(2);
    expect(row(astana, 'alpha')).toMatchObject({ registered: 1, attended: 1, noShows: 0, cancelled: 0, attendanceRate: 1, seminars: 1 });
    expect(row(astana, 'beta')).toMatchObject({ registered: 2, attended: 1, noShows: 1, attendanceRate: 0.5, waitlisted: 1 });

    const construction = (await report('?sector=construction').expect(200)).body;
    expect(construction.map((r: { company: { name: string } }) => r.company.name)).toEqual(['Alpha Build LLP', 'Gamma Trade LLP']);
    const almaty = (await report('?city=Almaty&from=2026-01-01').expect(200)).body;
    expect(row(almaty, 'alpha')).toMatchObject({ registered: 3, attended: 1, noShows: 1, cancelled: 1, seminars: 2 });
    // empty values (a form's "all") are no filter
    expect((await report('?city=&sector=&from=&to=').expect(200)).body).toHaveLength(6);
  });

  it('answers 400 naming the field for malformed filters', async () => {
    for (const [query, field] of [
      ['?from=yesterday', 'from'],
      ['?to=2026-02-30', 'to'],
      ['?from=2026-13-01', 'from'],
      ['?from=2026-05-01&to=2026-04-01', 'to'],
      ['?city=' + 'x'.repeat(101), 'city'],
      ['?format=xml', 'format'],
    ]) {
      const res = await report(query).expect(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    }
  });

  it('gives a spreadsheet-safe CSV with Accept: text/csv', async () => {
    const res = await report('?sector=food').set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="attendance-by-company_[\d-]+\.csv"$/);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const lines = res.text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('"bin","company","registered","attended","noShows","cancelled","attendanceRate","seminars","waitlisted","meetingsBooked","meetingsHeld","ungmStage"');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(`"${companies.beta.bin}","Бета Фуд ТОО","2","1","1","0","0.5000","1","1","0","0",""`);
    // the formula is defused with a leading quote and its quotes doubled
    expect(lines[2]).toBe(`"${companies.evil.bin}","'=HYPERLINK(""http://x"",""click"") ""Co""","0","0","0","1","","0","0","0","0",""`);
    const json = await report('?sector=food').set('Accept', 'application/json').expect(200);
    expect(json.body).toHaveLength(2);
  });

  it('summarises one seminar: counts and a breakdown by sector', async () => {
    const march = await t.http.get(`/api/seminars/${seminars.march.id}/summary`).set(bearer(organizer.token)).expect(200);
    expect(march.body).toMatchObject({ seminarId: seminars.march.id, ended: true, registered: 2, attended: 1, noShows: 1, cancellations: 2, waitlist: 0, attendanceRate: 0.5 });
    expect(march.body.bySector).toEqual([
      { sector: 'construction', registered: 2, attended: 1, noShows: 1, cancellations: 1, waitlist: 0 },
      { sector: 'food', registered: 0, attended: 0, noShows: 0, cancellations: 1, waitlist: 0 },
    ]);
    const june = await t.http.get(`/api/seminars/${seminars.june.id}/summary`).set(bearer(organizer.token)).expect(200);
    expect(june.body).toMatchObject({ registered: 3, attended: 2, noShows: 1, cancellations: 0, waitlist: 1 });
    const future = await t.http.get(`/api/seminars/${seminars.future.id}/summary`).set(bearer(organizer.token)).expect(200);
    expect(future.body).toMatchObject({ ended: false, registered: 6, attended: 1, noShows: 0, attendanceRate: 1 });
    const cancelled = await t.http.get(`/api/seminars/${seminars.cancelled.id}/summary`).set(bearer(organizer.token)).expect(200);
    expect(cancelled.body).toMatchObject({ registered: 2, attended: 0, noShows: 0, cancellations: 1, attendanceRate: null });
    await t.http.get('/api/seminars/00000000-0000-4000-8000-000000000000/summary').set(bearer(organizer.token)).expect(404);
  });

  it('keeps the counts when a registrant is checked in twice or the check-in is undone and redone', async () => {
    const before = (await report().expect(200)).body;
    const someone = await t.app.get(DataSource).getRepository(Registration).findOneByOrFail({ seminarId: seminars.june.id, fullName: 'Person 7' });
    await t.http.post(`/api/seminars/${seminars.june.id}/check-ins`).set(bearer(door.token)).send({ registrationId: someone.id }).expect(200);
    await t.http.post(`/api/seminars/${seminars.june.id}/check-ins`).set(bearer(door.token)).send({ registrationId: someone.id }).expect(200);
    await t.http.delete(`/api/seminars/${seminars.june.id}/check-ins/${someone.id}`).set(bearer(organizer.token)).expect(200);
    const undone = (await report().expect(200)).body;
    expect(row(undone, 'beta')).toMatchObject({ attended: 0, noShows: 2, attendanceRate: 0 });
    await t.http.post(`/api/seminars/${seminars.june.id}/check-ins`).set(bearer(door.token)).send({ registrationId: someone.id }).expect(200);
    expect((await report().expect(200)).body).toEqual(before);
  });

  it('uses the covering indexes in the query plan', async () => {
    const plan = (await t.app.get(ReportsService).explain({})).join('\n');
    if (usingPostgres) {
      // A handful of rows: PostgreSQL may well prefer sequential scans; the plan must at least aggregate by hash or group.
      expect(plan).toMatch(/Aggregate/);
    } else {
      expect(plan).toMatch(/COVERING INDEX IDX_registration_report_by_(seminar|company)/);
    }
    const filtered = (await t.app.get(ReportsService).explain({ sector: 'food' })).join('\n');
    expect(filtered.length).toBeGreaterThan(0);
  });

  describe('console pages', () => {
    it('shows the report with a sortable table, filters, a CSV link and accessible SVG charts', async () => {
      const page = await organizer.browser.get('/admin/reports?lang=en').expect(200);
      expect(page.text).toContain('Attendance by company');
      expect(page.text).toMatch(/<svg[^>]+role="img"[^>]+aria-labelledby="rpt-bars-title rpt-bars-desc"/);
      expect(page.text).toContain('<title id="rpt-bars-title">Attended and no-shows: top 2 companies</title>');
      // escaped everywhere (table and chart)
      expect(page.text).not.toContain('=HYPERLINK("http');
      expect(page.text).toContain('HYPERLINK(&quot;http://x&quot;');
      expect(page.text).toContain('/admin/reports/attendance-by-company.csv?');
      const order = (html: string) => ['Alpha Build LLP', 'Gamma Trade LLP', 'Бета Фуд ТОО', 'Aral Logistics LLP', 'Delta IT LLP'].map((name) => html.indexOf(`<th scope="row">${name}</th>`));
      const defaultOrder = order(page.text);
      expect(defaultOrder.every((index) => index > 0)).toBe(true);
      expect([...defaultOrder].sort((a, b) => a - b)).toEqual(defaultOrder);

      const byName = await organizer.browser.get('/admin/reports?sort=company&dir=asc').expect(200);
      const positions = ['Alpha Build LLP', 'Aral Logistics LLP', 'Delta IT LLP', 'Gamma Trade LLP'].map((name) => byName.text.indexOf(`<th scope="row">${name}</th>`));
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(byName.text).toContain('aria-sort="ascending"');

      const filtered = await organizer.browser.get('/admin/reports?city=Astana').expect(200);
      expect(filtered.text).toContain('<th scope="row">Бета Фуд ТОО</th>');
      expect(filtered.text).not.toContain('<th scope="row">Gamma Trade LLP</th>');
      // The city filter lists the managed entries (src/lists/): "Astana" selects the entry Астана.
      expect(filtered.text).toMatch(/<option value="[0-9a-f-]{36}" selected>Astana<\/option>/);
      await organizer.browser.get('/admin/reports?sort=bogus').expect(400);
    });

    it('puts the headline figures first, draws the charts at their own size, names months in the page language, and leaves upcoming seminars out of the charts', async () => {
      const figures = (html: string) => [...html.matchAll(/<dt>([^<]+)<\/dt><dd>([^<]+)<\/dd>/g)].map((match) => [match[1], match[2]]);
      const page = await organizer.browser.get('/admin/reports?lang=en').expect(200);
      const headline = page.text.slice(page.text.indexOf('rpt-headline'), page.text.indexOf('</dl>'));
      // Alpha, Gamma, Beta, Aral and Delta hold confirmed registrations; 4 of 6 who could have come came.
      expect(figures(headline)).toEqual([['Companies', '5'], ['Registered', '11'], ['Attended', '4'], ['Attendance rate', '67%']]);
      expect(page.text.indexOf('rpt-headline')).toBeLessThan(page.text.indexOf('class="rpt-charts"'));
      expect(page.text.indexOf('rpt-headline')).toBeLessThan(page.text.indexOf('<form method="get" action="/admin/reports"'));
      const svgs = [...page.text.matchAll(/<svg [^>]*class="rpt-chart[^"]*" width="(\d+)" height="(\d+)" viewBox="0 0 (\d+) (\d+)"/g)];
      expect(svgs).toHaveLength(2);
      for (const svg of svgs) expect([svg[1], svg[2]]).toEqual([svg[3], svg[4]]);

      // Gamma's only check-in is at the seminar that has not started: in the table, not in the charts.
      const bars = page.text.slice(page.text.indexOf('<svg'), page.text.indexOf('</svg>'));
      expect(bars).toContain('Alpha Build LLP');
      expect(bars).toContain('Бета Фуд ТОО');
      expect(bars).not.toContain('Gamma Trade LLP');
      expect(page.text).toContain('<th scope="row">Gamma Trade LLP</th>');
      const months = (html: string) => [...html.slice(html.indexOf('rpt-chart-months')).split('</svg>')[0].matchAll(/<g><title>([^<:]+):/g)].map((match) => match[1]);
      expect(months(page.text)).toEqual(['Mar 2026', 'Jun']);

      expect(months((await organizer.browser.get('/admin/reports?lang=ru').expect(200)).text)).toEqual(['март 2026', 'июнь']);
      expect(months((await organizer.browser.get('/admin/reports?lang=kk').expect(200)).text)).toEqual(['нау. 2026', 'мау.']);
      const kk = (await organizer.browser.get('/admin/reports?lang=kk').expect(200)).text;
      expect(figures(kk.slice(kk.indexOf('rpt-headline'))).slice(0, 4).map(([label]) => label)).toEqual(['Компаниялар', 'Тіркелген', 'Келгендер', 'Келу үлесі']);
    });

    it('downloads the CSV from the console with the session cookie', async () => {
      const csv = await organizer.browser.get('/admin/reports/attendance-by-company.csv?city=Astana').expect(200);
      expect(csv.headers['content-disposition']).toMatch(/attachment; filename="attendance-by-company_/);
      expect(csv.text.slice(1).trimEnd().split('\r\n')).toHaveLength(3);
      await door.browser.get('/admin/reports/attendance-by-company.csv').set('Accept', 'text/html').expect(403);
    });

    it('shows a seminar summary page', async () => {
      const page = await organizer.browser.get(`/admin/seminars/${seminars.june.id}/summary?lang=en`).expect(200);
      expect(page.text).toContain('June in Astana');
      expect(page.text).toContain('Seminar summary');
      expect(page.text).toMatch(/<dt>No-shows<\/dt><dd>1<\/dd>/);
      // "food" is a spelling of the UNSPSC segment 50, shown by its name.
      expect(page.text).toContain('<th scope="row">Food Beverage and Tobacco Products</th>');
      const form = await organizer.browser.get(`/admin/check-in/${seminars.future.id}`).expect(200);
      expect(csrfFrom(form.text)).toBeTruthy();
    });
  });
});
