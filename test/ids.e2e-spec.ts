import { consoleAs } from './support/console-session.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';
import { createSeminar, validBin } from './support/factories.js';

/**
 * Ids are parsed where they come in (`ParseId`): a malformed one answers 404 like an unknown one,
 * as the contract says, and never reaches the database (PostgreSQL would refuse it as a uuid: 500).
 */
describe('malformed ids', () => {
  let t: TestApp;
  let seminarId: string;
  const malformed = ['not-a-uuid', 'x'.repeat(37), '00000000-0000-0000-0000-00000000000g', '%00'];

  beforeAll(async () => {
    t = await startTestApp();
    seminarId = (await createSeminar(t)).id;
  });
  afterAll(async () => t?.close());

  it('answer 404 with the error shape on the JSON API, naming what was not found', async () => {
    for (const id of malformed) {
      const seminar = await t.http.get(`/api/seminars/${id}`).expect(404);
      expect(seminar.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'seminar not found', code: 'not_found' });
      const body = { fullName: 'Aigerim Sadykova', email: 'aigerim@example.org', consent: true, language: 'ru', company: { name: 'Acme LLP', bin: validBin() } };
      const signUp = await t.http.post(`/api/seminars/${id}/registrations`).send(body).expect(404);
      expect(signUp.body.message).toBe('seminar not found');
      await t.http.get(`/api/seminars/${id}/registrations`).set(bearer(t.adminToken)).expect(404);
      expect((await t.http.delete(`/api/seminars/${seminarId}/check-ins/${id}`).set(bearer(t.adminToken)).expect(404)).body.message).toBe('registration not found');
      expect((await t.http.post(`/api/registrations/${id}/erase`).set(bearer(t.adminToken)).expect(404)).body.message).toBe('registration not found');
      expect((await t.http.get(`/api/outbox/${id}`).set(bearer(t.adminToken)).expect(404)).body.message).toBe('email not found');
    }
  });

  it('answer 404 on the meetings routes too, for ids in the path and the slot id in the body', async () => {
    const desk = { agency: 'UNDP', startsAt: '2027-03-01T04:00:00.000Z', endsAt: '2027-03-01T05:00:00.000Z', slotMinutes: 15 };
    for (const id of malformed) {
      expect((await t.http.get(`/api/seminars/${id}/desks`).expect(404)).body.message).toBe('seminar not found');
      expect((await t.http.post(`/api/seminars/${id}/desks`).set(bearer(t.adminToken)).send(desk).expect(404)).body.message).toBe('seminar not found');
      expect((await t.http.patch(`/api/seminars/${seminarId}/desks/${id}`).set(bearer(t.adminToken)).send({ table: 'T1' }).expect(404)).body.message).toBe('desk not found');
      expect((await t.http.delete(`/api/seminars/${seminarId}/desks/${id}`).set(bearer(t.adminToken)).expect(404)).body.message).toBe('desk not found');
      expect((await t.http.post(`/api/seminars/${seminarId}/meetings/${id}/held`).set(bearer(t.adminToken)).expect(404)).body.message).toBe('meeting not found');
      expect((await t.http.post(`/api/seminars/${seminarId}/meetings/${id}/cancel`).set(bearer(t.adminToken)).expect(404)).body.message).toBe('meeting not found');
      expect((await t.http.get(`/api/seminars/${id}/meeting-requests`).set(bearer(t.adminToken)).expect(404)).body.message).toBe('seminar not found');
      expect((await t.http.post(`/api/agencies/${id}/disable`).set(bearer(t.adminToken)).expect(404)).body.message).toBe('agency not found');
    }
    // In a body, an id longer than a uuid is refused by the DTO first (400).
    expect((await t.http.post(`/api/seminars/${seminarId}/meetings/walk-in`).set(bearer(t.adminToken)).send({ slotId: 'not-a-uuid', ticketCode: 'ABCD2345EF' }).expect(404)).body.message).toBe('slot not found');
  });

  it('still asks for a sign-in first: no id check answers before the guard', async () => {
    await t.http.get('/api/seminars/not-a-uuid/registrations').expect(401);
  });

  it('answer the 404 page for public and console pages', async () => {
    const admin = await consoleAs(t, 'admin');
    for (const id of malformed) {
      const page = await t.http.get(`/seminars/${id}`).set('Accept', 'text/html').expect(404);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      await admin.browser.get(`/admin/seminars/${id}/edit`).expect(404);
      await admin.browser.get(`/admin/seminars/${id}/registrations`).expect(404);
      await admin.browser.get(`/admin/seminars/${seminarId}/registrations/${id}/cancel`).expect(404);
      await admin.browser.get(`/admin/check-in/${id}`).expect(404);
      await admin.browser.get(`/admin/outbox/${id}`).expect(404);
      await admin.browser.get(`/admin/seminars/${id}/desks`).expect(404);
      await admin.browser.get(`/admin/seminars/${seminarId}/desks/${id}/schedule`).expect(404);
    }
  });

  it('answer 404 for a well-formed id that is unknown, as before', async () => {
    await t.http.get('/api/seminars/9b2f4c1e-0d3a-4b5c-8e6f-7a8b9c0d1e2f').expect(404);
  });
});
