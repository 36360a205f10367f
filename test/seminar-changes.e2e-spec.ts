import { SmtpSink } from './support/smtp-sink.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { consoleAs, csrfFrom } from './support/console-session.js';
import { createSeminar, signUp as signUpWith, validBin } from './support/factories.js';
/** Signs up in Russian, as this spec was written for. */
const signUp = (t: Parameters<typeof signUpWith>[0], seminarId: string, person: Record<string, unknown>) => signUpWith(t, seminarId, { language: 'ru', ...person });

/** Changing a seminar people registered for: warned, confirmed old -> new, counted, and explained in the email. */
describe('changing a seminar with registrants', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ SMTP_URL: sink.url });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('warns, shows old -> new before sending, says how many were told, and the email says what changed', async () => {
    // 2031-03-10 10:00-13:00 in Almaty (UTC+5).
    const seminar = await createSeminar(t, { capacity: 2, startsAt: '2031-03-10T05:00:00.000Z', endsAt: '2031-03-10T08:00:00.000Z', language: 'en' });
    for (const n of [1, 2, 3]) await signUp(t, seminar.id, { fullName: `Person ${n}`, email: `changes-${n}@example.kz`, company: { name: 'ТОО Сапа', bin: validBin() } });
    await sink.waitForTo('changes-2@example.kz', 1);

    const organizer = await consoleAs(t, 'organizer');
    const form = await organizer.browser.get(`/admin/seminars/${seminar.id}/edit?lang=en`).expect(200);
    expect(form.text).toContain('2 confirmed and 1 waitlisted people are registered.');
    const values = {
      _csrf: csrfFrom(form.text), title: seminarTitle(form.text), description: '', startsAt: '2031-03-10T11:00', endsAt: '2031-03-10T14:00', registrationClosesAt: '',
      timeZone: 'Asia/Almaty', format: 'in_person', city: 'Almaty', venue: 'UN House, 67 Tole Bi St', onlineUrl: '', language: 'en', capacity: '2', status: 'published',
    };

    const confirm = await organizer.browser.post(`/admin/seminars/${seminar.id}/edit`).type('form').send(values).expect(200);
    expect(confirm.text).toContain('These changes will be emailed to 2 confirmed people');
    expect(confirm.text).toMatch(/<del>[^<]*10:00 – 13:00[^<]*<\/del>[\s\S]*?<ins>[^<]*11:00 – 14:00[^<]*<\/ins>/);
    expect(confirm.text).toContain('Save and send updated invites to 2 people');
    // Nothing is saved yet.
    expect((await t.http.get(`/api/seminars/${seminar.id}`).expect(200)).body.startsAt).toBe('2031-03-10T05:00:00.000Z');

    const back = await organizer.browser.post(`/admin/seminars/${seminar.id}/edit`).type('form').send({ ...values, _csrf: csrfFrom(confirm.text), confirm: 'edit' }).expect(200);
    expect(back.text).toContain('value="2031-03-10T11:00"');

    const saved = await organizer.browser.post(`/admin/seminars/${seminar.id}/edit`).type('form').send({ ...values, _csrf: csrfFrom(confirm.text), confirm: 'yes' }).expect(303);
    expect(saved.headers.location).toBe(`/admin/seminars?notice=invitesQueued&count=2#seminar-${seminar.id}`);
    const list = await organizer.browser.get(`/admin/seminars?notice=invitesQueued&count=2&lang=en`).expect(200);
    expect(list.text).toContain('Saved. Updated invites queued for 2 people.');
    expect((await t.http.get(`/api/seminars/${seminar.id}`).expect(200)).body.startsAt).toBe('2031-03-10T06:00:00.000Z');

    const mails = await sink.waitForTo('changes-1@example.kz', 2);
    const update = mails[1];
    // In the registrant's language (Russian here).
    expect(update.parsed.subject).toMatch(/^Изменения: /);
    expect(update.parsed.text).toContain('Что изменилось:');
    expect(update.parsed.text).toMatch(/Когда: [^\n]*10:00 – 13:00[^\n]* -> [^\n]*11:00 – 14:00/);
    expect(update.parsed.html).toMatch(/<s [^>]*>[^<]*10:00 – 13:00[^<]*<\/s><br>→ <strong>[^<]*11:00 – 14:00/);
    // The waitlisted person is told what changed too, without a calendar invite (they have no event yet).
    const waitlisted = await sink.waitForTo('changes-3@example.kz', 2);
    expect(waitlisted[1].parsed.text).toContain('Что изменилось:');
    expect(waitlisted[1].raw).not.toMatch(/text\/calendar/);
  });

  it('saves a change nobody is told about (capacity) without a confirmation step', async () => {
    const seminar = await createSeminar(t, { capacity: 5 });
    await signUp(t, seminar.id, { fullName: 'Person', email: 'changes-capacity@example.kz', company: { name: 'ТОО Сапа', bin: validBin() } });
    const organizer = await consoleAs(t, 'organizer');
    const form = await organizer.browser.get(`/admin/seminars/${seminar.id}/edit?lang=en`).expect(200);
    const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form.text)?.[1] ?? '';
    const saved = await organizer.browser
      .post(`/admin/seminars/${seminar.id}/edit`)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text), title: seminarTitle(form.text), description: 'How UN procurement works, registering on UNGM, and bidding.', startsAt: value('startsAt'), endsAt: value('endsAt'),
        registrationClosesAt: '', timeZone: 'Asia/Almaty', format: 'in_person', city: 'Almaty', venue: 'UN House, 67 Tole Bi St', onlineUrl: '', language: 'ru', capacity: '9', status: 'published',
      })
      .expect(303);
    expect(saved.headers.location).toBe(`/admin/seminars?notice=saved#seminar-${seminar.id}`);
  });
});

function seminarTitle(html: string): string {
  return /id="sf-title" name="title"[^>]*value="([^"]*)"/.exec(html)![1].replace(/&#x3A;/g, ':').replace(/&amp;/g, '&');
}
