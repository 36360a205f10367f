import { DataSource } from 'typeorm';
import { OutboxEmail } from '../src/mail/outbox-email.entity.js';
import { Registration } from '../src/registrations/registration.entity.js';
import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { Seminar } from '../src/seminars/seminar.entity.js';
import { createSeminar, signUpBody } from './support/factories.js';
import { bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';

/**
 * Issue 10 item 1: one address rule everywhere, and no email problem can fail the transaction that
 * queues it. The hostile addresses are the ones the calendar builder refuses.
 */
describe('email addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SMTP_URL: undefined });
  });
  afterAll(async () => t?.close());

  const rows = () => t.app.get(DataSource).getRepository(OutboxEmail);
  const token = (id: string) => t.app.get(RegistrationsService).manageTokenFor(id);

  async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
    for (let i = 0; i < 200; i++) {
      const value = await probe();
      if (value) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('the issue scenario: the hostile address is refused with 400 naming the field, and cancelling the first person works', async () => {
    const seminar = await createSeminar(t, { capacity: 1 });
    const first = await t.http.post(`/api/seminars/${seminar.id}/registrations`).send(signUpBody({ email: 'first.person@example.com' })).expect(201);
    expect(first.body.status).toBe('confirmed');
    const hostile = await t.http.post(`/api/seminars/${seminar.id}/registrations`).send(signUpBody({ email: 'sales#kz@example.com' })).expect(400);
    expect(hostile.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(JSON.stringify(hostile.body.message)).toMatch(/email/);
    await t.http.post(`/api/registrations/${token(first.body.id)}/cancel`).expect(200);
    const after = await t.http.get(`/api/seminars/${seminar.id}`).expect(200);
    expect(after.body).toMatchObject({ seatsTaken: 0, waitlistCount: 0 });
  });

  it.each(['sales#kz@example.com', 'fifty%off@example.com', 'why?@example.com', '"quoted"@example.com', 'a&b=c@example.com'])(
    'sign-up refuses %j with 400 naming email',
    async (email) => {
      const seminar = await createSeminar(t, { capacity: 1 });
      const response = await t.http.post(`/api/seminars/${seminar.id}/registrations`).send(signUpBody({ email })).expect(400);
      expect(JSON.stringify(response.body.message)).toMatch(/email/);
    },
  );

  it('an address already stored that the calendar refuses cannot block a promotion: its email fails alone, with the error', async () => {
    const seminar = await createSeminar(t, { capacity: 1 });
    const first = await t.http.post(`/api/seminars/${seminar.id}/registrations`).send(signUpBody()).expect(201);
    // As if written before the address rule: a waitlisted person whose address the calendar refuses.
    const second = await t.http.post(`/api/seminars/${seminar.id}/registrations`).send(signUpBody()).expect(201);
    expect(second.body.status).toBe('waitlisted');
    await writeDirectly(t, (manager) => manager.update(Registration, { id: second.body.id }, { email: 'sales#kz@example.com' }));

    await t.http.post(`/api/registrations/${token(first.body.id)}/cancel`).expect(200);
    const promoted = await t.app.get(DataSource).getRepository(Registration).findOneByOrFail({ id: second.body.id });
    expect(promoted.status).toBe('confirmed');
    expect((await t.app.get(DataSource).getRepository(Seminar).findOneByOrFail({ id: seminar.id })).seatsTaken).toBe(1);
    const failed = await until(() => rows().findOneBy({ registrationId: second.body.id, kind: 'promoted', status: 'failed' }), 'the promotion email to fail');
    expect(failed.lastError).toMatch(/attendee\.email/);
    // The cancellation of the first person went out.
    await until(() => rows().findOneBy({ registrationId: first.body.id, kind: 'cancelled', status: 'sent' }), 'the cancellation to be sent');
  });

  it('NFC and NFD spellings of one address are one address', async () => {
    const seminar = await createSeminar(t);
    const nfc = 'Dana@Ёлка.kz'.normalize('NFC');
    const nfd = 'Dana@Ёлка.kz'.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    const created = await t.http.post(`/api/seminars/${seminar.id}/registrations`).send(signUpBody({ email: nfc })).expect(201);
    await t.http.post(`/api/seminars/${seminar.id}/registrations`).send(signUpBody({ email: nfd })).expect(409);
    const stored = await t.app.get(DataSource).getRepository(Registration).findOneByOrFail({ id: created.body.id });
    expect(stored.email).toBe('dana@ёлка.kz');
  });

  it('invitations and accounts use the same rule', async () => {
    const seminar = await createSeminar(t);
    const response = await t.http
      .post(`/api/seminars/${seminar.id}/invitations`)
      .set(bearer(t.adminToken))
      .send({ invitees: [{ email: 'ok.person@example.org' }, { email: 'sales#kz@example.com' }, { email: '"q"@example.com' }, { email: 'x%y@example.com' }] });
    expect(response.status).toBe(202);
    expect(response.body.queued).toBe(1);
    expect(JSON.stringify(response.body)).toMatch(/email/);
    const errorRows = (response.body.errors as { row: number; field: string }[]).filter((error) => error.field === 'email').map((error) => error.row);
    expect(errorRows).toHaveLength(3);

    const account = await t.http.post('/api/accounts').set(bearer(t.adminToken)).send({ email: 'desk#1@example.org', password: 'long-enough-password', role: 'checkin' }).expect(400);
    expect(JSON.stringify(account.body.message)).toMatch(/email/);
  });
});
