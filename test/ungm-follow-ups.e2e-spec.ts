import { DataSource } from 'typeorm';
import { OutboxEmail } from '../src/mail/outbox-email.entity.js';
import { OutboxWorker } from '../src/mail/outbox.worker.js';
import { FollowUpAnswer } from '../src/outcomes/follow-up-answer.entity.js';
import { FollowUpScheduler } from '../src/outcomes/follow-up.scheduler.js';
import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { Seminar } from '../src/seminars/seminar.entity.js';
import { usingPostgres } from './support/database.js';
import { createSeminar, signUpBody, validBin } from './support/factories.js';
import { SmtpSink, type ReceivedMail } from './support/smtp-sink.js';
import { bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * Follow-up surveys at each FOLLOWUP_DAYS mark (default 7, 30, 90) after a seminar ended: one email
 * per checked-in registrant and mark, in their language, through the outbox and a real SMTP server.
 * The scheduler's `scan(now)` is run with a given clock, so no test waits for time to pass.
 */
describe('UNGM follow-ups', () => {
  let sink: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ SMTP_URL: sink.url, FOLLOWUP_DAYS: undefined });
  });

  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  const token = (id: string) => t.app.get(RegistrationsService).manageTokenFor(id);

  /** A seminar with attendees, checked in, then moved so that it ended at `endedAt`. */
  async function endedSeminar(endedAt: Date, people: { fullName: string; language: 'ru' | 'kk' | 'en'; bin: string; checkIn: boolean }[], app = t) {
    const seminar = await createSeminar(app, { capacity: 50 });
    const registered = [];
    for (const person of people) {
      const body = signUpBody({ fullName: person.fullName, language: person.language, company: { name: `Company ${person.bin}`, bin: person.bin } });
      const response = await app.http.post(`/api/seminars/${seminar.id}/registrations`).send(body).expect(201);
      if (person.checkIn) await app.http.post(`/api/seminars/${seminar.id}/check-ins`).set(bearer(app.adminToken)).send({ registrationId: response.body.id }).expect(200);
      registered.push({ id: response.body.id as string, email: body.email as string, ...person });
    }
    await writeDirectly(app, (manager) => manager.update(Seminar, { id: seminar.id }, { startsAt: new Date(endedAt.getTime() - 4 * 3_600_000), endsAt: endedAt, registrationClosesAt: null }));
    return { seminar, people: registered };
  }

  const followUpsTo = (email: string) => sink.to(email).filter((mail) => /follow-up\?mark=/.test(mail.parsed.text ?? ''));
  const rows = (seminarId: string) => t.app.get(DataSource).getRepository(OutboxEmail).findBy({ seminarId, kind: 'follow-up' });

  async function deliver(): Promise<void> {
    await t.app.get(OutboxWorker).drain();
  }

  it('sends one email per checked-in registrant at each mark, in their language, within a minute of the mark and never twice', async () => {
    const endedAt = new Date(Date.now() - 200 * DAY);
    endedAt.setUTCSeconds(0, 0);
    const aselBin = validBin();
    const { seminar, people } = await endedSeminar(endedAt, [
      { fullName: 'Әсел Қуанышқызы Ұлықбекова', language: 'kk', bin: aselBin, checkIn: true },
      { fullName: 'Ivan Petrov', language: 'ru', bin: validBin(), checkIn: true },
      { fullName: 'No Show', language: 'en', bin: validBin(), checkIn: false },
    ]);
    const [asel, ivan, noShow] = people;
    const scheduler = t.app.get(FollowUpScheduler);

    // Just before the 7-day mark: nothing.
    expect(await scheduler.scan(new Date(endedAt.getTime() + 7 * DAY - MINUTE))).toBe(0);
    // 30 s after it: both attendees, at once; three scans racing queue nothing more.
    const at7 = new Date(endedAt.getTime() + 7 * DAY + 30_000);
    const counts = await Promise.all([scheduler.scan(at7), scheduler.scan(at7), scheduler.scan(at7)]);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect(await scheduler.scan(new Date(endedAt.getTime() + 8 * DAY))).toBe(0);
    await deliver();

    const [aselMail] = await sink.waitForTo(asel.email, 2);
    const aselFollowUps = followUpsTo(asel.email);
    expect(aselFollowUps).toHaveLength(1);
    const mail = aselFollowUps[0] as ReceivedMail;
    expect(aselMail).toBeDefined();
    expect(mail.parsed.subject).toMatch(/^БҰҰ сатып алуларына келесі қадамыңыз/);
    expect(mail.parsed.text).toContain('Әсел Қуанышқызы Ұлықбекова');
    expect(mail.parsed.text).toContain(`http://localhost:3999/r/${token(asel.id)}/follow-up?mark=7`);
    // The manage link, PUBLIC_URL + /r/ + token exactly (CONTRACT: every registrant email).
    expect((mail.parsed.text ?? '').split('\n').map((line) => line.trim())).toContain(`http://localhost:3999/r/${token(asel.id)}`);
    expect(String(mail.parsed.html)).toContain(`href="http://localhost:3999/r/${token(asel.id)}"`);
    // The first mark is the thank-you: it links the certificate and nudges towards UNGM registration.
    expect(mail.parsed.text).toContain(`http://localhost:3999/api/registrations/${token(asel.id)}/certificate.pdf`);
    expect(mail.parsed.text).toMatch(/ungm\.org/);
    expect(String(mail.parsed.html).replace(/&#x3D;/g, '=')).toContain(`/r/${token(asel.id)}/follow-up?mark=7`);
    expect(followUpsTo(ivan.email)).toHaveLength(1);
    expect(followUpsTo(ivan.email)[0].parsed.subject).toMatch(/^Ваш следующий шаг/);
    expect(followUpsTo(noShow.email)).toHaveLength(0);

    // Aset's company answers "registered": the 30-day email asks about bids, not registration; Ivan's still nudges.
    await t.http.post(`/api/registrations/${token(asel.id)}/follow-up`).send({ ungmStage: 'registered', bidsSubmitted: 1, rating: 5, comment: 'Пайдалы' }).expect(201);
    expect(await scheduler.scan(new Date(endedAt.getTime() + 30 * DAY - MINUTE))).toBe(0);
    expect(await scheduler.scan(new Date(endedAt.getTime() + 30 * DAY + 59_000))).toBe(2);
    await deliver();
    await sink.waitFor(() => followUpsTo(asel.email).length === 2 && followUpsTo(ivan.email).length === 2, 20_000, '30-day follow-ups');
    const aselLater = followUpsTo(asel.email)[1];
    expect(aselLater.parsed.text).toContain('follow-up?mark=30');
    expect(aselLater.parsed.text).not.toContain('certificate.pdf');
    expect(aselLater.parsed.text).not.toMatch(/ungm\.org/);
    expect(aselLater.parsed.text).toMatch(/тендерлеріне қатыстыңыз ба/);
    expect(followUpsTo(ivan.email)[1].parsed.text).toMatch(/ungm\.org/);

    // The 90-day mark, seen 8 days late (the app was down), is not sent: a stale survey helps nobody.
    expect(await scheduler.scan(new Date(endedAt.getTime() + 98 * DAY + MINUTE))).toBe(0);
    const stored = await rows(seminar.id);
    expect(stored.map((row) => row.dedupeKey).sort()).toEqual([`follow-up:${asel.id}:30`, `follow-up:${asel.id}:7`, `follow-up:${ivan.id}:30`, `follow-up:${ivan.id}:7`].sort());
  });

  it('FOLLOWUP_DAYS=0 sends the thank-you as soon as the seminar ended; off sends nothing', async () => {
    const zero = await startTestApp({ SMTP_URL: sink.url, FOLLOWUP_DAYS: '0' }, t.database);
    const off = await startTestApp({ SMTP_URL: sink.url, FOLLOWUP_DAYS: 'off' }, t.database);
    try {
      const endedAt = new Date(Date.now() - 100 * DAY);
      const { people } = await endedSeminar(endedAt, [{ fullName: 'Zero Mark', language: 'en', bin: validBin(), checkIn: true }]);
      expect(await off.app.get(FollowUpScheduler).scan(new Date(endedAt.getTime() + 10 * DAY))).toBe(0);
      expect(await zero.app.get(FollowUpScheduler).scan(new Date(endedAt.getTime() - 1000))).toBe(0);
      expect(await zero.app.get(FollowUpScheduler).scan(new Date(endedAt.getTime() + 20_000))).toBe(1);
      expect(await zero.app.get(FollowUpScheduler).scan(new Date(endedAt.getTime() + 60_000))).toBe(0);
      await zero.app.get(OutboxWorker).drain();
      await sink.waitFor(() => followUpsTo(people[0].email).length === 1, 20_000, 'the thank-you');
      expect(followUpsTo(people[0].email)[0].parsed.text).toContain('follow-up?mark=0');
      expect(followUpsTo(people[0].email)[0].parsed.subject).toMatch(/^Your next step/);
    } finally {
      await zero.close();
      await off.close();
    }
  });

  (usingPostgres ? it : it.skip)('two app instances on one PostgreSQL database send each follow-up exactly once', async () => {
    const second = await startTestApp({ SMTP_URL: sink.url }, t.database);
    try {
      const endedAt = new Date(Date.now() - 300 * DAY);
      const { seminar, people } = await endedSeminar(
        endedAt,
        Array.from({ length: 12 }, (_, i) => ({ fullName: `Pair ${i}`, language: 'ru' as const, bin: validBin(), checkIn: i % 4 !== 3 })),
      );
      const at = new Date(endedAt.getTime() + 7 * DAY + 10_000);
      const first = t.app.get(FollowUpScheduler);
      const other = second.app.get(FollowUpScheduler);
      const counts = await Promise.all([first.scan(at), other.scan(at), first.scan(at), other.scan(at)]);
      // A scan that lost the race for a key still counts it; what must be exact is the rows and the emails.
      expect(counts.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(9);
      expect(await rows(seminar.id)).toHaveLength(9);
      await Promise.all([t.app.get(OutboxWorker).drain(), second.app.get(OutboxWorker).drain()]);
      const attendees = people.filter((person) => person.checkIn);
      await sink.waitFor(() => attendees.every((person) => followUpsTo(person.email).length >= 1), 30_000, 'follow-ups');
      await Promise.all([t.app.get(OutboxWorker).drain(), second.app.get(OutboxWorker).drain()]);
      for (const person of attendees) expect(followUpsTo(person.email)).toHaveLength(1);
      expect(await rows(seminar.id)).toHaveLength(9);
    } finally {
      await second.close();
    }
  });

  describe('answers', () => {
    let attendee: { id: string };
    let absent: { id: string };
    const bin = validBin();

    beforeAll(async () => {
      const { people } = await endedSeminar(new Date(Date.now() - 3 * DAY), [
        { fullName: 'Answering Person', language: 'en', bin, checkIn: true },
        { fullName: 'Absent Person', language: 'en', bin, checkIn: false },
      ]);
      [attendee, absent] = people;
    });

    it('201 with the answer; the latest answer of the company counts', async () => {
      const first = await t.http.post(`/api/registrations/${token(attendee.id)}/follow-up`).send({ ungmStage: 'account' }).expect(201);
      expect(first.body).toMatchObject({ ungmStage: 'account', bidsSubmitted: null, contractsWon: null, rating: null, comment: null });
      const second = await t.http.post(`/api/registrations/${token(attendee.id)}/follow-up`).send({ ungmStage: 'level1', bidsSubmitted: 3, contractsWon: 1, rating: 4, comment: ' Good ' }).expect(201);
      expect(second.body).toMatchObject({ ungmStage: 'level1', bidsSubmitted: 3, contractsWon: 1, rating: 4, comment: 'Good' });
      const answers = await t.app.get(DataSource).getRepository(FollowUpAnswer).find({ where: { registrationId: attendee.id }, order: { createdAt: 'DESC' } });
      expect(answers.map((answer) => answer.ungmStage)).toEqual(['level1', 'account']);
      expect(answers[0].createdAt.getTime()).toBeGreaterThan(answers[1].createdAt.getTime());
    });

    it('409 for someone who did not attend', async () => {
      const response = await t.http.post(`/api/registrations/${token(absent.id)}/follow-up`).send({ ungmStage: 'none' }).expect(409);
      expect(response.body.message).toMatch(/registration/);
    });

    it.each([
      [{}, /ungmStage/],
      [{ ungmStage: 'gold' }, /ungmStage/],
      [{ ungmStage: 'basic', rating: 6 }, /rating/],
      [{ ungmStage: 'basic', rating: 0 }, /rating/],
      [{ ungmStage: 'basic', bidsSubmitted: -1 }, /bidsSubmitted/],
      [{ ungmStage: 'basic', contractsWon: 1.5 }, /contractsWon/],
      [{ ungmStage: 'basic', comment: 'long'.repeat(501) }, /comment/],
      [{ ungmStage: 'basic', who: 'me' }, /who/],
    ])('400 naming the field for %j', async (body, message) => {
      const response = await t.http.post(`/api/registrations/${token(attendee.id)}/follow-up`).send(body).expect(400);
      expect([response.body.message].flat().join(' ')).toMatch(message);
    });

    it('the follow-up page works without JavaScript: form, next step, saved answer', async () => {
      const path = `/r/${token(attendee.id)}/follow-up?mark=7&lang=kk`;
      const page = await t.http.get(path).expect(200);
      expect(page.text).toContain('name="ungmStage"');
      expect(page.text).toContain('Келесі қадамыңыз');
      const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
      const posted = await t.http
        .post(`/r/${token(attendee.id)}/follow-up`)
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, mark: '7', ungmStage: 'level2', bidsSubmitted: '5', contractsWon: '2', rating: '5', comment: '' })
        .expect(303);
      expect(posted.headers.location).toBe(`/r/${token(attendee.id)}/follow-up?saved=1`);
      const latest = await t.app.get(DataSource).getRepository(FollowUpAnswer).findOne({ where: { registrationId: attendee.id }, order: { createdAt: 'DESC' } });
      expect(latest).toMatchObject({ ungmStage: 'level2', bidsSubmitted: 5, contractsWon: 2, rating: 5, comment: null, markDays: 7 });
      const bad = await t.http.post(`/r/${token(attendee.id)}/follow-up`).set('Cookie', cookie).type('form').send({ _csrf: csrf, ungmStage: 'gold', bidsSubmitted: 'many' }).expect(400);
      // The summary says what is wrong, in form order, each a link to its field, and takes the focus;
      // each field carries its own message.
      expect(bad.text).toContain('action="/r/' + token(attendee.id) + '/follow-up#follow-up-errors"');
      expect(bad.text).toMatch(/<div id="follow-up-errors" class="notice notice-danger reg-error-summary" role="alert" tabindex="-1" autofocus>/);
      // (In the registration's language, English here.)
      expect(bad.text).toContain('<ul><li><a href="#stage-none">Choose where your company is on UNGM</a></li><li><a href="#bids">Tenders: a whole number from 0 to 10,000</a></li></ul>');
      expect(bad.text).toContain('aria-describedby="stage-error"');
      expect(bad.text).toContain('aria-invalid="true" aria-describedby="bids-error"');
    });
  });
});
