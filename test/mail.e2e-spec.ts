import { DataSource } from 'typeorm';
import ICAL from 'ical.js';
import { translate } from '../src/i18n/i18n.js';
import { WritePath } from '../src/database/write-path.js';
import { Registration } from '../src/registrations/registration.entity.js';
import { OutboxEmail } from '../src/mail/outbox-email.entity.js';
import { MailTransport } from '../src/mail/mail-transport.js';
import { OutboxWorker } from '../src/mail/outbox.worker.js';
import { RegistrantMailer } from '../src/registrations/registrant-mailer.js';
import { ReminderScheduler } from '../src/registrations/reminder.scheduler.js';
import { eventually } from './support/eventually.js';
import { createSeminar, signUpBody } from './support/factories.js';
import { usingPostgres } from './support/database.js';
import { calendarsOf, decodePart, mimeParts, mimeTree, parseInvite } from './support/mail-fixtures.js';
import { SmtpSink, type ReceivedMail } from './support/smtp-sink.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

const MAIL_FROM = 'UN Seminars Almaty <seminars@un.example.org>';
const HOUR = 3_600_000;

/**
 * Emails and calendar invites, end to end: sign-ups through the public API, a real SMTP server on
 * loopback, every calendar parsed with ical.js.
 */
describe('mail: emails and calendar invites', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ SMTP_URL: sink.url, MAIL_FROM, REMINDER_HOURS: '24' });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  async function signUp(seminarId: string, overrides: Record<string, unknown> = {}) {
    const body = signUpBody(overrides);
    const response = await t.http.post(`/api/seminars/${seminarId}/registrations`).send(body);
    if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
    return { ...body, id: response.body.id as string, status: response.body.status as string };
  }

  async function rowsFor(registrationId: string): Promise<OutboxEmail[]> {
    return t.app.get(DataSource).getRepository(OutboxEmail).find({ where: { registrationId }, order: { createdAt: 'ASC' } });
  }

  /** The received message that is this outbox row (matched by Message-ID). */
  async function mailOf(row: OutboxEmail): Promise<ReceivedMail> {
    const messages = await sink.waitFor((all) => all.some((mail) => mail.messageId === row.messageId), 20_000, `${row.kind} to ${row.recipient}`);
    return messages.find((mail) => mail.messageId === row.messageId)!;
  }

  async function mailOfKind(registrationId: string, kind: string, index = 0): Promise<ReceivedMail> {
    const row = await eventually(async () => (await rowsFor(registrationId)).filter((r) => r.kind === kind)[index], { timeout: 10_000, what: `${kind} email #${index + 1} queued for ${registrationId}` });
    return mailOf(row);
  }

  /** The HTML part as sent (mailparser's own `html` rewrites cid: links into data: URLs). */
  function htmlOf(mail: ReceivedMail): string {
    return decodePart(mimeParts(mail.raw).find((part) => /^text\/html/i.test(part.contentType))!).replace(/&#x3D;/g, '=');
  }

  /** The manage link of an email (in its text; calendars do not carry it, see README "Calendar behaviour"). */
  function manageUrlOf(mail: ReceivedMail): string {
    const url = /http:\/\/localhost:3999\/r\/[A-Za-z0-9_-]{43}/.exec(mail.parsed.text ?? '')?.[0];
    if (!url) throw new Error('no manage link in the email');
    return url;
  }
  const manageTokenOf = (mail: ReceivedMail) => manageUrlOf(mail).split('/').pop()!;

  function invitesOf(mail: ReceivedMail) {
    const { alternative, attachment } = calendarsOf(mail);
    return {
      alternative,
      attachment,
      fromAlternative: alternative ? parseInvite(decodePart(alternative)) : null,
      fromAttachment: attachment ? parseInvite(decodePart(attachment)) : null,
    };
  }

  it('a sign-up gets a REQUEST invite as text/calendar alternative and invite.ics attachment', async () => {
    const seminar = await createSeminar(t, { title: 'Bidding for UN tenders', venue: 'UN House, 67 Tole Bi St', city: 'Almaty' });
    const person = await signUp(seminar.id, { language: 'en' });
    expect(person.status).toBe('confirmed');
    const mail = await mailOfKind(person.id, 'confirmation');

    // Headers
    expect(mail.parsed.from?.value).toEqual([{ name: 'UN Seminars Almaty', address: 'seminars@un.example.org' }]);
    expect(mail.parsed.to && !Array.isArray(mail.parsed.to) ? mail.parsed.to.value.map((a) => a.address) : []).toEqual([person.email]);
    expect(mail.envelope.to).toEqual([person.email]);
    expect(mail.envelope.from).toBe('seminars@un.example.org');
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@un\.example\.org>$/);
    expect(mail.parsed.subject).toBe('Registration confirmed: Bidding for UN tenders');

    // Structure: text, html (with the QR code beside it) and the calendar as alternatives; the .ics attached.
    const tree = mimeTree(mail.raw);
    expect(tree).toEqual([
      'multipart/mixed',
      '  multipart/alternative',
      '    text/plain',
      '    multipart/related',
      '      text/html',
      '      image/png',
      '    text/calendar',
      '  application/ics',
    ]);
    const { alternative, attachment, fromAlternative, fromAttachment } = invitesOf(mail);
    expect(alternative!.contentType).toMatch(/^text\/calendar;.*method=REQUEST/i);
    expect(alternative!.contentType).toMatch(/charset=utf-8/i);
    expect(attachment!.headers).toMatch(/filename="?invite\.ics"?/i);
    expect(attachment!.headers).toMatch(/content-disposition:\s*attachment/i);

    const invite = fromAlternative!;
    expect(fromAttachment).toEqual(invite);
    expect(invite.method).toBe('REQUEST');
    expect(invite.events).toBe(1);
    expect(invite.uid).toBe(`registration-${person.id}@localhost`);
    expect(invite.sequence).toBe(0);
    expect(invite.status).toBe('CONFIRMED');
    expect(invite.organizer.toLowerCase()).toBe('mailto:seminars@un.example.org');
    expect(invite.organizerName).toBe('UN Seminars Almaty');
    expect(invite.attendee.toLowerCase()).toBe(`mailto:${person.email}`);
    expect(invite.attendeeName).toBe(person.fullName);
    expect(invite.start.toISOString()).toBe(new Date(seminar.startsAt as string).toISOString());
    expect(invite.end.toISOString()).toBe(new Date(seminar.endsAt as string).toISOString());
    expect(Math.abs(invite.dtstamp.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    expect(invite.summary).toBe('Bidding for UN tenders');
    // No manage link in the event: shared calendars would show it to others (issue 10).
    expect(invite.description).not.toContain('/r/');
    expect(invite.location).toBe('UN House, 67 Tole Bi St, Almaty');
    expect(invite.url).toBeNull();
    expect(invite.alarms).toBe(1);
    // Times in UTC: no TZID without a VTIMEZONE.
    for (const tzid of invite.tzids) expect(invite.timezones).toContain(tzid);

    // Bodies: when (in the seminar's zone), where, manage link, contact, ticket.
    const registration = await t.app.get(DataSource).getRepository(Registration).findOneByOrFail({ id: person.id });
    const text = mail.parsed.text ?? '';
    const html = htmlOf(mail);
    for (const body of [text, html]) {
      expect(body).toContain('Bidding for UN tenders');
      expect(body).toContain('10:00'); // 05:00 UTC in Asia/Almaty (UTC+5)
      // The zone as people read it, in the registrant's language ("время Алматы (UTC+5)"), not the IANA name.
      expect(body).toMatch(/(Алматы|Almaty)( уақыты| time)? \(UTC\+5\)/);
      expect(body).not.toContain('Asia/Almaty');
      expect(body).toContain('UN House, 67 Tole Bi St, Almaty');
      expect(body).toContain(manageUrlOf(mail));
      expect(body).toContain('seminars@un.example.org');
      expect(body).toContain(registration.ticketCode);
    }
    expect(html).toMatch(/<img src="cid:ticket-qr@seminars"/);
    const qr = mail.parsed.attachments.find((a) => a.contentId === '<ticket-qr@seminars>' || a.cid === 'ticket-qr@seminars');
    expect(qr?.contentType).toBe('image/png');
    expect(qr!.content.subarray(1, 4).toString()).toBe('PNG');
    // Inline CSS and nothing fetched from elsewhere.
    expect(html).not.toMatch(/<link|<script|src="https?:|url\(/i);
    expect(html).toMatch(/style="/);
  });

  it('self-cancel sends a CANCEL with the same UID, a higher SEQUENCE and STATUS:CANCELLED', async () => {
    const seminar = await createSeminar(t);
    const person = await signUp(seminar.id);
    const confirmation = await mailOfKind(person.id, 'confirmation');
    const request = invitesOf(confirmation).fromAlternative!;
    const token = manageTokenOf(confirmation);
    await t.http.post(`/api/registrations/${token}/cancel`).expect(200);

    const mail = await mailOfKind(person.id, 'cancelled');
    const { alternative, fromAlternative, fromAttachment } = invitesOf(mail);
    expect(alternative!.contentType).toMatch(/method=CANCEL/i);
    expect(fromAttachment).toEqual(fromAlternative);
    expect(fromAlternative!.method).toBe('CANCEL');
    expect(fromAlternative!.uid).toBe(request.uid);
    expect(fromAlternative!.sequence).toBeGreaterThan(request.sequence);
    expect(fromAlternative!.status).toBe('CANCELLED');
    expect(fromAlternative!.alarms).toBe(0);
  });

  it('moving a seminar sends a REQUEST with a higher SEQUENCE and the new time', async () => {
    const seminar = await createSeminar(t);
    const person = await signUp(seminar.id);
    const first = invitesOf(await mailOfKind(person.id, 'confirmation')).fromAlternative!;
    const startsAt = new Date(new Date(seminar.startsAt as string).getTime() + 26 * HOUR);
    const endsAt = new Date(startsAt.getTime() + 3 * HOUR);
    await t.http.patch(`/api/seminars/${seminar.id}`).set(bearer(t.adminToken)).send({ startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }).expect(200);

    const mail = await mailOfKind(person.id, 'updated');
    const update = invitesOf(mail).fromAlternative!;
    expect(update.method).toBe('REQUEST');
    expect(update.uid).toBe(first.uid);
    expect(update.sequence).toBeGreaterThan(first.sequence);
    expect(update.start.toISOString()).toBe(startsAt.toISOString());
    expect(update.end.toISOString()).toBe(endsAt.toISOString());
    expect(mail.parsed.text).toContain('12:00 – 15:00'); // 07:00–10:00 UTC, the new time, in Almaty
  });

  it('a seminar cancellation sends a CANCEL to every confirmed registrant and a plain notice to the waitlist', async () => {
    const seminar = await createSeminar(t, { capacity: 2 });
    const confirmed = [await signUp(seminar.id), await signUp(seminar.id)];
    const waiting = await signUp(seminar.id);
    expect(waiting.status).toBe('waitlisted');
    const requests = await Promise.all(confirmed.map(async (person) => invitesOf(await mailOfKind(person.id, 'confirmation')).fromAlternative!));
    await t.http.post(`/api/seminars/${seminar.id}/cancel`).set(bearer(t.adminToken)).expect(200);

    for (const [index, person] of confirmed.entries()) {
      const mail = await mailOfKind(person.id, 'seminar-cancelled');
      const cancel = invitesOf(mail).fromAlternative!;
      expect(cancel.method).toBe('CANCEL');
      expect(cancel.uid).toBe(requests[index].uid);
      expect(cancel.sequence).toBeGreaterThan(requests[index].sequence);
      expect(cancel.status).toBe('CANCELLED');
      expect(mail.parsed.subject).toContain('Seminar cancelled');
    }
    const notice = await mailOfKind(waiting.id, 'seminar-cancelled');
    expect(calendarsOf(notice)).toEqual({ alternative: null, attachment: null });
    expect(notice.parsed.subject).toContain('Seminar cancelled');
  });

  it('the waitlist gets no invite (and no online link); a promotion gets a REQUEST with the link', async () => {
    const onlineUrl = 'https://meet.example.org/j/123456?pwd=secret';
    const seminar = await createSeminar(t, { capacity: 1, venue: null, onlineUrl });
    const first = await signUp(seminar.id);
    const second = await signUp(seminar.id);
    expect(second.status).toBe('waitlisted');

    const firstMail = await mailOfKind(first.id, 'confirmation');
    expect(firstMail.parsed.text).toContain(onlineUrl);
    expect(htmlOf(firstMail)).toContain(`href="${onlineUrl}"`);

    const waitMail = await mailOfKind(second.id, 'waitlisted');
    expect(calendarsOf(waitMail)).toEqual({ alternative: null, attachment: null });
    expect(mimeParts(waitMail.raw).map((part) => part.contentType.split(';')[0])).toEqual(['text/plain', 'text/html']);
    expect(waitMail.parsed.subject).toContain('waitlist');
    expect(waitMail.parsed.text).toContain('position 1');
    expect(waitMail.parsed.text).toMatch(/http:\/\/localhost:3999\/r\/[A-Za-z0-9_-]{43}/);
    expect(waitMail.raw).not.toContain('meet.example.org');
    expect(waitMail.parsed.text).toContain('sent to confirmed participants');

    const token = manageTokenOf(firstMail);
    await t.http.post(`/api/registrations/${token}/cancel`).expect(200);
    const promoted = await mailOfKind(second.id, 'promoted');
    const invite = invitesOf(promoted).fromAlternative!;
    expect(invite.method).toBe('REQUEST');
    expect(invite.uid).toBe(`registration-${second.id}@localhost`);
    expect(invite.attendee.toLowerCase()).toBe(`mailto:${second.email}`);
    expect(promoted.parsed.text).toContain(onlineUrl);
    expect(promoted.parsed.attachments.some((a) => a.contentType === 'image/png')).toBe(true);
  });

  it('escapes registrant data in HTML and keeps it readable in text', async () => {
    const seminar = await createSeminar(t);
    const fullName = `<script>alert("x")</script> O'Brien & Sons`;
    const person = await signUp(seminar.id, { fullName, company: { name: '<b>Bold</b> LLP', bin: signUpBody().company.bin } });
    const mail = await mailOfKind(person.id, 'confirmation');
    const html = htmlOf(mail);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Bold</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#x27;Brien &amp; Sons');
    expect(html).toContain('&lt;b&gt;Bold&lt;/b&gt; LLP');
    expect(mail.parsed.text).toContain(fullName);
    expect(invitesOf(mail).fromAlternative!.attendeeName).toBe(`<script>alert('x')</script> O'Brien & Sons`);
  });

  it('a subject or name with CR/LF cannot add headers', async () => {
    const mailer = t.app.get(RegistrantMailer);
    const startsAt = new Date(Date.now() + 10 * 24 * HOUR);
    const registration = Object.assign(new Registration(), {
      id: '11111111-2222-3333-4444-555555555555',
      status: 'waitlisted',
      waitlistPosition: 3,
      email: 'victim@example.org',
      fullName: 'A\r\nBcc: evil@example.org',
      language: 'en',
      calendarSequence: 0,
      ticketCode: 'ABCDEFGH',
    });
    const seminar = { id: 'seminar-x', title: 'Hello\r\nBcc: evil@example.org\r\nX-Evil: 1', startsAt, endsAt: new Date(startsAt.getTime() + HOUR), timeZone: 'Asia/Almaty', city: 'Almaty', venue: null, onlineUrl: null, status: 'published' };
    const row = await t.app.get(WritePath).transaction((manager) =>
      mailer.queue(manager, { kind: 'waitlisted', registration, seminar: seminar as never, company: { name: 'X' } as never, manageUrl: 'http://localhost:3999/r/x' }),
    );
    expect(row.subject).toBe('You are on the waitlist: Hello Bcc: evil@example.org X-Evil: 1');
    // Even a stored subject with line breaks cannot start a header when the message is built.
    const raw = (await t.app.get(MailTransport).compose({ ...row, subject: 'Hi\r\nBcc: evil@example.org\r\nX-Evil: 1' } as OutboxEmail)).toString();
    const headers = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(headers).not.toMatch(/^(bcc|x-evil):/im);

    const mail = await mailOf(row);
    expect(mail.envelope.to).toEqual(['victim@example.org']);
    expect(mail.parsed.headers.has('bcc')).toBe(false);
    expect(mail.parsed.headers.has('x-evil')).toBe(false);
    expect(mail.parsed.subject).toBe(row.subject);
  });

  it.each(['ru', 'kk', 'en'] as const)('writes the email in the registrant language (%s)', async (language) => {
    const seminar = await createSeminar(t, { title: 'Procurement 101' });
    const person = await signUp(seminar.id, { language });
    const mail = await mailOfKind(person.id, 'confirmation');
    expect(mail.parsed.subject).toBe(translate(language, 'email.confirmation.subject', { title: 'Procurement 101' }));
    expect(String(mail.parsed.html)).toContain(`<html lang="${language}">`);
    expect(mail.parsed.text).toContain(translate(language, 'email.confirmation.intro'));
    expect(mail.parsed.text).toContain(translate(language, 'email.greeting', { name: person.fullName }));
    const months = { ru: /декабря|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября/, kk: /желтоқсан|қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша/i, en: /January|February|March|April|May|June|July|August|September|October|November|December/ };
    expect(mail.parsed.text).toMatch(months[language]);
  });

  it('keeps the Message-ID of a message across a retry', async () => {
    const seminar = await createSeminar(t);
    sink.failNext(1);
    const person = await signUp(seminar.id);
    const mail = await mailOfKind(person.id, 'confirmation');
    expect(sink.rejected).toContain(mail.messageId);
    const row = await eventually(async () => (await rowsFor(person.id)).find((r) => r.kind === 'confirmation' && r.status === 'sent'), { what: 'the retry to be recorded' });
    expect(row.attempts).toBe(2);
    expect(sink.messages.filter((m) => m.messageId === mail.messageId)).toHaveLength(1);
  });

  describe('calendar behaviour (README "Calendar behaviour")', () => {
    it('an online seminar puts the join link, not a city, in LOCATION and URL; no manage link anywhere in the event', async () => {
      const onlineUrl = 'https://meet.example.org/j/987?pwd=x';
      const seminar = await createSeminar(t, { venue: null, city: 'Almaty', onlineUrl });
      const person = await signUp(seminar.id);
      const mail = await mailOfKind(person.id, 'confirmation');
      const { fromAlternative: invite, attachment } = invitesOf(mail);
      expect(invite!.location).toBe(onlineUrl);
      expect(invite!.url).toBe(onlineUrl);
      const ics = decodePart(attachment!);
      expect(ics).not.toContain('/r/');
      expect(ics).not.toContain(manageTokenOf(mail));
      const download = await t.http.get(`/api/registrations/${manageTokenOf(mail)}/invite.ics`).expect(200);
      expect(download.text).not.toContain(manageTokenOf(mail));
      expect(parseInvite(download.text).location).toBe(onlineUrl);
    });

    it('the alarm never lies in the past: a day before, an hour before for a seminar less than a day away, none under 15 minutes', async () => {
      const cases: [number, number | null][] = [
        [200 * HOUR, 1440],
        [5 * HOUR, 60],
        [40 * 60_000, 15],
        [10 * 60_000, null],
      ];
      for (const [ahead, minutes] of cases) {
        const startsAt = new Date(Date.now() + ahead);
        const seminar = await createSeminar(t, { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + HOUR).toISOString() });
        const person = await signUp(seminar.id);
        const mail = await mailOfKind(person.id, 'confirmation');
        const ics = decodePart(invitesOf(mail).alternative!);
        const alarms = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!.getAllSubcomponents('valarm');
        if (minutes === null) {
          expect(alarms).toHaveLength(0);
          continue;
        }
        expect(alarms).toHaveLength(1);
        const trigger = alarms[0].getFirstPropertyValue('trigger') as ICAL.Duration;
        expect(trigger.toSeconds()).toBe(-minutes * 60);
        expect(startsAt.getTime() - minutes * 60_000).toBeGreaterThan(Date.now() - 60_000);
      }
    });

    it('a move tells the waitlist too, by email without an invite', async () => {
      const seminar = await createSeminar(t, { capacity: 1 });
      const confirmed = await signUp(seminar.id);
      const waiting = await signUp(seminar.id);
      expect(waiting.status).toBe('waitlisted');
      await mailOfKind(confirmed.id, 'confirmation');
      const startsAt = new Date(new Date(seminar.startsAt as string).getTime() + 26 * HOUR);
      await t.http.patch(`/api/seminars/${seminar.id}`).set(bearer(t.adminToken)).send({ startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString() }).expect(200);
      const notice = await mailOfKind(waiting.id, 'updated');
      expect(calendarsOf(notice)).toEqual({ alternative: null, attachment: null });
      expect(notice.parsed.text).toContain('still on the waitlist at position 1');
      expect(notice.parsed.text).toContain('12:00');
      expect(invitesOf(await mailOfKind(confirmed.id, 'updated')).fromAlternative!.method).toBe('REQUEST');
    });
  });

  describe('reminders', () => {
    it('are due at REMINDER_HOURS before the start, go out once, and skip registrations made after the reminder time', async () => {
      const startsAt = new Date(Date.now() + 72 * HOUR);
      startsAt.setUTCMinutes(0, 0, 0);
      const seminar = await createSeminar(t, { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString() });
      const early = [await signUp(seminar.id), await signUp(seminar.id)];
      const late = await signUp(seminar.id);
      // As if `late` had signed up 20 hours before the start, after the 24-hour reminder time.
      await t.app.get(WritePath).transaction((manager) => manager.update(Registration, { id: late.id }, { createdAt: new Date(startsAt.getTime() - 20 * HOUR) }));
      const scheduler = t.app.get(ReminderScheduler);

      expect(await scheduler.scan(new Date(startsAt.getTime() - 25 * HOUR))).toBe(0); // not yet due
      const dueAt = new Date(startsAt.getTime() - 23 * HOUR);
      expect(await scheduler.scan(dueAt)).toBe(2);
      expect(await scheduler.scan(dueAt)).toBe(0);
      expect(await scheduler.scan(new Date(startsAt.getTime() - HOUR))).toBe(0);

      for (const person of early) {
        const mail = await mailOfKind(person.id, 'reminder');
        // The contract: a reminder carries the invite (METHOD:REQUEST). It repeats the confirmation's
        // calendar with the same SEQUENCE and the same DTSTAMP, so clients treat it as a duplicate
        // (RFC 5546 2.1.5) and neither reset the answer nor prompt again.
        const confirmation = invitesOf(await mailOfKind(person.id, 'confirmation')).fromAlternative!;
        const repeated = invitesOf(mail).fromAlternative!;
        expect(invitesOf(mail).fromAttachment).toEqual(repeated);
        expect(repeated.method).toBe('REQUEST');
        expect(repeated.uid).toBe(confirmation.uid);
        expect(repeated.sequence).toBe(confirmation.sequence);
        expect(repeated.dtstamp.getTime()).toBe(confirmation.dtstamp.getTime());
        expect(mail.parsed.subject).toMatch(/^Reminder: /);
        expect(mail.parsed.text).toMatch(/http:\/\/localhost:3999\/r\/[A-Za-z0-9_-]{43}/);
        // The link in the reminder opens the registration.
        await t.http.get(`/api/registrations/${manageTokenOf(mail)}`).expect(200);
        const icsUrl = /http:\/\/localhost:3999(\/api\/registrations\/[A-Za-z0-9_-]{43}\/invite\.ics)/.exec(mail.parsed.text ?? '');
        expect(icsUrl).not.toBeNull();
        const download = await t.http.get(icsUrl![1]).expect(200);
        const invite = parseInvite(download.text);
        expect(invite.method).toBe('REQUEST');
        expect(invite.uid).toBe(`registration-${person.id}@localhost`);
        const rows = (await rowsFor(person.id)).filter((row) => row.kind === 'reminder');
        expect(rows.map((row) => row.dedupeKey)).toEqual([`reminder:${person.id}:24`]);
        expect(rows[0].icsMethod).toBe('REQUEST');
      }
      expect((await rowsFor(late.id)).filter((row) => row.kind === 'reminder')).toHaveLength(0);
    });

    it('are not duplicated by scans racing each other', async () => {
      const startsAt = new Date(Date.now() + 72 * HOUR);
      const seminar = await createSeminar(t, { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString() });
      const people = [];
      for (let i = 0; i < 5; i++) people.push(await signUp(seminar.id));
      const scheduler = t.app.get(ReminderScheduler);
      const dueAt = new Date(startsAt.getTime() - 23 * HOUR);
      await Promise.all([scheduler.scan(dueAt), scheduler.scan(dueAt), scheduler.scan(dueAt)]);
      await t.app.get(OutboxWorker).drain();
      for (const person of people) {
        expect((await rowsFor(person.id)).filter((row) => row.kind === 'reminder')).toHaveLength(1);
        await mailOfKind(person.id, 'reminder');
      }
    });
  });

  (usingPostgres ? describe : describe.skip)('two app instances on one PostgreSQL database', () => {
    it('queue each reminder once and send each email once', async () => {
      const second = await startTestApp({ SMTP_URL: sink.url, MAIL_FROM, REMINDER_HOURS: '24' }, t.database);
      try {
        const startsAt = new Date(Date.now() + 72 * HOUR);
        const seminar = await createSeminar(t, { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(), capacity: 100 });
        const people = await Promise.all(Array.from({ length: 20 }, (_, i) => signUp(seminar.id, { fullName: `Pair ${i}` })));
        const dueAt = new Date(startsAt.getTime() - 23 * HOUR);
        await Promise.all([t.app.get(ReminderScheduler).scan(dueAt), second.app.get(ReminderScheduler).scan(dueAt), t.app.get(ReminderScheduler).scan(dueAt), second.app.get(ReminderScheduler).scan(dueAt)]);
        const emails = people.map((person) => person.email);
        await sink.waitFor((all) => emails.every((email) => all.filter((m) => m.to.includes(email) && /^Reminder/.test(m.parsed.subject ?? '')).length >= 1), 30_000, 'reminders');
        // Both workers keep polling; give them time to (wrongly) send anything twice.
        await Promise.all([t.app.get(OutboxWorker).drain(), second.app.get(OutboxWorker).drain()]);
        for (const email of emails) {
          const received = sink.to(email);
          expect(received.filter((m) => /^Reminder/.test(m.parsed.subject ?? ''))).toHaveLength(1);
          expect(received.filter((m) => /^Registration confirmed/.test(m.parsed.subject ?? ''))).toHaveLength(1);
        }
        const reminderRows = await t.app.get(DataSource).getRepository(OutboxEmail).countBy({ seminarId: seminar.id, kind: 'reminder' });
        expect(reminderRows).toBe(20);
      } finally {
        await second.close();
      }
    });
  });
});
