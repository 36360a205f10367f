import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { Seminar } from '../src/seminars/seminar.entity.js';
import { consoleAs } from './support/console-session.js';
import { createSeminar, signUpBody, validBin } from './support/factories.js';
import { bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';

/**
 * The UNGM outcome report on a seeded scenario, checked against a hand count (below). Everything goes
 * through the API; only the seminars' dates are moved into the past afterwards.
 *
 *   company  sector        attended      latest answer (earlier ones in brackets)
 *   c1       construction  A (Almaty), B (Astana)   registered, 2 bids, 1 contract, rating 4 (account)
 *   c2       food          A                        level1, 5 bids, 0 contracts, rating 5
 *   c3       food          A                        no answer
 *   c4       construction  registered for B, not checked in → not attended
 *   c5       IT            B                        none, no bids given, rating 2
 *   c6       IT            C (Almaty, cancelled after check-in) → not counted
 *
 *   totals: attended 4 (c1 c2 c3 c5), responded 3, stages none 1 / registered 1 / level1 1,
 *           registeredOrBetter 2, conversion 2/4 = 0.5, bids 7, contracts 1, rating (4+5+2)/3 = 3.67
 *   A: attended 3, responded 2, registered 1, level1 1, rOB 2, conversion 2/3, bids 7, contracts 1, rating 4.5
 *   B: attended 2, responded 2, none 1, registered 1, rOB 1, conversion 0.5, bids 2, contracts 1, rating 3
 */
describe('UNGM outcome report', () => {
  let t: TestApp;
  let organizer: Awaited<ReturnType<typeof consoleAs>>;
  const ids: Record<string, string> = {};
  const bins: Record<string, string> = {};
  const seminars: Record<'A' | 'B' | 'C', string> = {} as never;
  const sectors: Record<string, string> = { c1: 'construction', c2: 'food', c3: 'food', c4: 'construction', c5: 'IT', c6: 'IT' };
  const token = (key: string) => t.app.get(RegistrationsService).manageTokenFor(ids[key]);

  async function person(key: string, company: string, seminar: 'A' | 'B' | 'C', checkIn: boolean) {
    const response = await t.http
      .post(`/api/seminars/${seminars[seminar]}/registrations`)
      .send(signUpBody({ fullName: `Person ${key}`, company: { name: `Company ${company}`, bin: bins[company], sector: sectors[company] } }))
      .expect(201);
    ids[key] = response.body.id;
    if (checkIn) await t.http.post(`/api/seminars/${seminars[seminar]}/check-ins`).set(bearer(t.adminToken)).send({ registrationId: response.body.id }).expect(200);
  }

  const answer = (key: string, body: Record<string, unknown>) => t.http.post(`/api/registrations/${token(key)}/follow-up`).send(body).expect(201);
  const report = (query = '') => t.http.get(`/api/reports/ungm-outcomes${query}`).set(bearer(organizer.token)).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    organizer = await consoleAs(t, 'organizer');
    for (const company of Object.keys(sectors)) bins[company] = validBin();
    seminars.A = (await createSeminar(t, { title: 'A in Almaty', city: 'Almaty' })).id;
    seminars.B = (await createSeminar(t, { title: 'B in Astana', city: 'Astana' })).id;
    seminars.C = (await createSeminar(t, { title: 'C cancelled', city: 'Almaty' })).id;
    await person('c1a', 'c1', 'A', true);
    await person('c2a', 'c2', 'A', true);
    await person('c3a', 'c3', 'A', true);
    await person('c1b', 'c1', 'B', true);
    await person('c4b', 'c4', 'B', false);
    await person('c5b', 'c5', 'B', true);
    await person('c6c', 'c6', 'C', true);
    await t.http.post(`/api/seminars/${seminars.C}/cancel`).set(bearer(t.adminToken)).expect(200);
    const day = 86_400_000;
    const dates = { A: new Date('2026-03-10T05:00:00.000Z'), B: new Date('2026-06-15T05:00:00.000Z'), C: new Date('2026-04-01T05:00:00.000Z') };
    for (const key of ['A', 'B', 'C'] as const) {
      await writeDirectly(t, (manager) => manager.update(Seminar, { id: seminars[key] }, { startsAt: dates[key], endsAt: new Date(dates[key].getTime() + 4 * 3_600_000), registrationClosesAt: null }));
    }
    expect(Date.now()).toBeGreaterThan(dates.B.getTime() + day);

    await answer('c1a', { ungmStage: 'account', rating: 3 });
    await answer('c1b', { ungmStage: 'registered', bidsSubmitted: 2, contractsWon: 1, rating: 4 });
    await answer('c2a', { ungmStage: 'level1', bidsSubmitted: 5, contractsWon: 0, rating: 5, comment: 'Очень полезно' });
    await answer('c5b', { ungmStage: 'none', rating: 2 });
    await t.http.post(`/api/registrations/${token('c4b')}/follow-up`).send({ ungmStage: 'level2', bidsSubmitted: 100 }).expect(409);
  });

  afterAll(() => t?.close());

  const stages = (counts: Partial<Record<string, number>>) => ({ none: 0, account: 0, basic: 0, registered: 0, level1: 0, level2: 0, ...counts });

  it('totals and per-seminar figures match the hand count', async () => {
    const { body } = await report();
    expect(body.totals).toEqual({
      attendedCompanies: 4,
      respondedCompanies: 3,
      stages: stages({ none: 1, registered: 1, level1: 1 }),
      registeredOrBetter: 2,
      conversionRate: 0.5,
      bidsSubmitted: 7,
      contractsWon: 1,
      averageRating: 3.67,
    });
    expect(body.seminars).toEqual([
      {
        seminarId: seminars.A,
        title: 'A in Almaty',
        startsAt: '2026-03-10T05:00:00.000Z',
        attendedCompanies: 3,
        respondedCompanies: 2,
        stages: stages({ registered: 1, level1: 1 }),
        registeredOrBetter: 2,
        conversionRate: 2 / 3,
        bidsSubmitted: 7,
        contractsWon: 1,
        averageRating: 4.5,
      },
      {
        seminarId: seminars.B,
        title: 'B in Astana',
        startsAt: '2026-06-15T05:00:00.000Z',
        attendedCompanies: 2,
        respondedCompanies: 2,
        stages: stages({ none: 1, registered: 1 }),
        registeredOrBetter: 1,
        conversionRate: 0.5,
        bidsSubmitted: 2,
        contractsWon: 1,
        averageRating: 3,
      },
    ]);
  });

  it('filters by city, sector and dates', async () => {
    const astana = (await report('?city=Astana')).body;
    expect(astana.seminars.map((seminar: { seminarId: string }) => seminar.seminarId)).toEqual([seminars.B]);
    expect(astana.totals).toMatchObject({ attendedCompanies: 2, respondedCompanies: 2, registeredOrBetter: 1, bidsSubmitted: 2 });
    const food = (await report('?sector=food')).body;
    expect(food.totals).toEqual({ attendedCompanies: 2, respondedCompanies: 1, stages: stages({ level1: 1 }), registeredOrBetter: 1, conversionRate: 0.5, bidsSubmitted: 5, contractsWon: 0, averageRating: 5 });
    const spring = (await report('?from=2026-03-01&to=2026-04-30')).body;
    expect(spring.seminars.map((seminar: { seminarId: string }) => seminar.seminarId)).toEqual([seminars.A]);
    const empty = (await report('?city=Nowhere')).body;
    expect(empty).toEqual({ totals: { attendedCompanies: 0, respondedCompanies: 0, stages: stages({}), registeredOrBetter: 0, conversionRate: null, bidsSubmitted: 0, contractsWon: 0, averageRating: null }, seminars: [] });
    await t.http.get('/api/reports/ungm-outcomes?from=yesterday').set(bearer(organizer.token)).expect(400);
  });

  it('CSV with Accept: text/csv: one row per seminar and a total row', async () => {
    const response = await t.http.get('/api/reports/ungm-outcomes').set(bearer(organizer.token)).set('Accept', 'text/csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('"seminarId","title","startsAt","attendedCompanies","respondedCompanies","none","account","basic","registered","level1","level2","registeredOrBetter","conversionRate","bidsSubmitted","contractsWon","averageRating"');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('"total","","","4","3","1","0","0","1","1","0","2","0.5000","7","1","3.67"');
  });

  it('needs an organizer', async () => {
    await t.http.get('/api/reports/ungm-outcomes').expect(401);
    const door = await consoleAs(t, 'checkin');
    await t.http.get('/api/reports/ungm-outcomes').set(bearer(door.token)).expect(403);
  });

  it('the attendance report gains each company latest UNGM stage', async () => {
    const { body } = await t.http.get('/api/reports/attendance-by-company').set(bearer(organizer.token)).expect(200);
    const stageOf = (company: string) => body.find((row: { company: { bin: string } }) => row.company.bin === bins[company])?.ungmStage;
    expect(stageOf('c1')).toBe('registered');
    expect(stageOf('c2')).toBe('level1');
    expect(stageOf('c3')).toBeNull();
  });

  it('the console page shows the headline figures, the funnel and the CSV link', async () => {
    const page = await organizer.browser.get('/admin/reports/ungm?lang=en').expect(200);
    expect(page.text).toContain('<svg');
    expect(page.text).toMatch(/Funnel: of 4 companies that attended, 3 answered, 2 have a UNGM account, 2 submitted the basic registration, 2 are registered with an agency or better, 1 reached Level 1 or 2/);
    expect(page.text).toContain('/admin/reports/ungm-outcomes.csv');
    const company = await organizer.browser.get(`/admin/companies/${bins.c1}?lang=en`).expect(200);
    expect(company.text).toContain('Registered with at least one UN agency');
  });

  it('figures stay after the answering registrant is erased', async () => {
    const before = (await report()).body;
    await t.http.post(`/api/registrations/${ids.c2a}/erase`).set(bearer(t.adminToken)).expect((response) => expect([200, 201]).toContain(response.status));
    const after = (await report()).body;
    expect(after).toEqual(before);
  });
});
