import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { Registration } from '../src/registrations/registration.entity.js';
import { DataSource } from 'typeorm';
import { browserFor, consoleAs, csrfFrom } from './support/console-session.js';
import { createSeminar, validBin } from './support/factories.js';
import { calendarsOf, decodePart, parseInvite } from './support/mail-fixtures.js';
import { SmtpSink } from './support/smtp-sink.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

/**
 * The pages of meetings (registrant page without JavaScript, the console desk grid, schedules, the
 * report) and the fair allocation end to end: request window, rankings, close, invites.
 */
describe('meetings: pages and the fair allocation', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let organizer: Awaited<ReturnType<typeof consoleAs>>;
  let door: Awaited<ReturnType<typeof consoleAs>>;
  const start = (() => {
    const s = new Date(Date.now() + 9 * 86_400_000);
    s.setUTCHours(4, 0, 0, 0);
    return s;
  })();
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
  const tokenOf = (id: string) => t.app.get(RegistrationsService).manageTokenFor(id);

  async function person(seminarId: string, language = 'ru') {
    const email = `m-${Math.random().toString(36).slice(2, 10)}@example.kz`;
    const response = await t.http.post(`/api/seminars/${seminarId}/registrations`).send({ fullName: `Person ${email.slice(2, 7)}`, email, consent: true, language, company: { name: `Co ${email.slice(2, 7)}`, bin: validBin() } });
    expect(response.status).toBe(201);
    return { id: response.body.id as string, email, token: tokenOf(response.body.id), status: response.body.status as string };
  }
  async function desk(seminarId: string, agency: string, extra: Record<string, unknown> = {}) {
    const response = await t.http.post(`/api/seminars/${seminarId}/desks`).set(bearer(organizer.token)).send({ agency, startsAt: at(60), endsAt: at(120), slotMinutes: 20, ...extra });
    expect(response.status).toBe(201);
    return response.body as { id: string; slots: Array<{ id: string; startsAt: string }> };
  }

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ SMTP_URL: sink.url });
    organizer = await consoleAs(t, 'organizer');
    door = await consoleAs(t, 'checkin');
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('registrant page: lists desks (matching UNSPSC first), books and cancels with plain forms, shows refusals with 409', async () => {
    const s = await createSeminar(t, { startsAt: at(0), endsAt: at(360), capacity: 1 });
    const wfp = await desk(s.id, 'WFP', { unspscSegments: ['50'] });
    const undp = await desk(s.id, 'UNDP', { unspscSegments: ['43'] });
    const p = await person(s.id, 'en');
    await t.http.patch(`/api/registrations/${p.token}/company`).send({ unspscCodes: ['43211503'] }).expect(200);
    const browser = browserFor(t);
    const page = await browser.get(`/r/${p.token}/meetings?lang=en`).expect(200);
    expect(page.text.indexOf(`desk-${undp.id}`)).toBeLessThan(page.text.indexOf(`desk-${wfp.id}`));
    expect(page.text).toContain('Buys in your sectors');
    const csrf = csrfFrom(page.text);

    const booked = await browser.post(`/r/${p.token}/meetings`).type('form').send({ _csrf: csrf, slotId: undp.slots[0].id });
    expect(booked.status).toBe(303);
    expect(booked.headers.location).toBe(`/r/${p.token}/meetings?notice=booked`);
    const after = await browser.get(`/r/${p.token}/meetings?notice=booked&lang=en`).expect(200);
    expect(after.text).toContain('Meeting booked');
    expect(after.text).not.toContain(`value="${undp.slots[0].id}"`);

    const clash = await browser.post(`/r/${p.token}/meetings`).type('form').send({ _csrf: csrf, slotId: wfp.slots[0].id });
    expect(clash.status).toBe(409);
    expect(clash.text).toContain('You already have a meeting at that time.');
    await browser.post(`/r/${p.token}/meetings`).type('form').send({ slotId: wfp.slots[1].id }).expect(403); // no CSRF token

    const [meeting] = (await t.http.get(`/api/registrations/${p.token}/meetings`).expect(200)).body;
    const cancelled = await browser.post(`/r/${p.token}/meetings/${meeting.id}/cancel`).type('form').send({ _csrf: csrf });
    expect(cancelled.headers.location).toBe(`/r/${p.token}/meetings?notice=cancelled`);
    expect((await t.http.get(`/api/registrations/${p.token}/meetings`).expect(200)).body).toEqual([]);

    // A waitlisted person sees the desks but no booking form.
    const waiting = await person(s.id);
    expect(waiting.status).toBe('waitlisted');
    const theirs = await browserFor(t).get(`/r/${waiting.token}/meetings?lang=en`).expect(200);
    expect(theirs.text).toContain('Only participants with a confirmed seat can book meetings.');
    expect(theirs.text).not.toContain('name="slotId"');
  });

  it('console: the desk grid for organizers and door staff; adding a desk from the form; held; walk-in; schedule; report', async () => {
    const s = await createSeminar(t, { startsAt: at(0), endsAt: at(360), timeZone: 'Asia/Almaty' });
    const p = await person(s.id);
    const q = await person(s.id);
    const page = await organizer.browser.get(`/admin/seminars/${s.id}/desks`).expect(200);
    // 05:00 UTC + 60 min = 11:00 in Almaty (UTC+5)
    const local = (minutes: number) => new Date(start.getTime() + (minutes + 5 * 60) * 60_000).toISOString().slice(0, 16);
    const added = await organizer.browser
      .post(`/admin/seminars/${s.id}/desks`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), agency: 'UNOPS', table: 'T-5', startsAt: local(60), endsAt: local(120), slotMinutes: '30', unspscSegments: '43, 72' });
    expect(added.status).toBe(303);
    const [created] = (await t.http.get(`/api/seminars/${s.id}/desks`).expect(200)).body;
    expect(created).toMatchObject({ agency: 'UNOPS', table: 'T-5', startsAt: at(60), endsAt: at(120), unspscSegments: ['43', '72'] });
    const bad = await organizer.browser.post(`/admin/seminars/${s.id}/desks`).type('form').send({ _csrf: csrfFrom(page.text), agency: 'UNOPS', startsAt: local(-60), endsAt: local(0), slotMinutes: '30' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('inside the seminar');

    await t.http.post(`/api/registrations/${p.token}/meetings`).send({ slotId: created.slots[0].id }).expect(201);
    const grid = await door.browser.get(`/admin/seminars/${s.id}/desks`).expect(200);
    expect(grid.text).toContain('cell-booked');
    expect(grid.text).not.toContain('add-desk-heading'); // door staff do not manage desks
    const ticket = (await t.app.get(DataSource).getRepository(Registration).findOneByOrFail({ id: q.id })).ticketCode;
    const walkIn = await door.browser.post(`/admin/seminars/${s.id}/meetings/walk-in`).type('form').send({ _csrf: csrfFrom(grid.text), slotId: created.slots[1].id, ticketCode: ticket });
    expect(walkIn.headers.location).toContain('notice=walkIn');
    const pTicket = (await t.app.get(DataSource).getRepository(Registration).findOneByOrFail({ id: p.id })).ticketCode;
    const held = await door.browser.post(`/admin/seminars/${s.id}/meetings/held-by-ticket`).type('form').send({ _csrf: csrfFrom(grid.text), deskId: created.id, ticketCode: pTicket });
    expect(held.headers.location).toContain('notice=held');
    const after = await door.browser.get(`/admin/seminars/${s.id}/desks`).expect(200);
    expect(after.text.match(/cell-held/g)).toHaveLength(1);
    expect(after.text.match(/cell-booked/g)).toHaveLength(1);

    const schedule = await door.browser.get(`/admin/seminars/${s.id}/desks/${created.id}/schedule`).expect(200);
    expect(schedule.text).toContain('schedule-table');
    const bins = await t.http.get(`/api/seminars/${s.id}/meetings`).set(bearer(organizer.token)).expect(200);
    for (const m of bins.body) expect(schedule.text).toContain(m.company.bin);
    const report = await organizer.browser.get(`/admin/seminars/${s.id}/meetings/report`).expect(200);
    expect(report.text).toContain('UNOPS');
    const csv = await organizer.browser.get(`/admin/seminars/${s.id}/meetings/report.csv`).expect(200);
    expect(csv.text).toContain('"UNOPS","1","2","1","0"');
    await door.browser.get(`/admin/seminars/${s.id}/meetings/report`).expect(403);
  });

  it('fair allocation: the window opens, booking waits, rankings are saved, close allocates deterministically with invites', async () => {
    const s = await createSeminar(t, { startsAt: at(0), endsAt: at(360) });
    const a = await desk(s.id, 'UNDP', { startsAt: at(60), endsAt: at(80) }); // one slot
    const b = await desk(s.id, 'WFP', { startsAt: at(60), endsAt: at(100) }); // two slots
    const people = [await person(s.id), await person(s.id), await person(s.id)];
    await t.http.post(`/api/seminars/${s.id}/meeting-requests/open`).set(bearer(organizer.token)).send({ maxChoices: 2 }).expect(200);
    await t.http.post(`/api/seminars/${s.id}/meeting-requests/open`).set(bearer(organizer.token)).send({}).expect(409);
    expect((await t.http.post(`/api/registrations/${people[0].token}/meetings`).send({ slotId: a.slots[0].id }).expect(409)).body.message).toMatch(/requested/);

    // All three want UNDP first; only one can have it. Everyone gets a first choice before any second.
    for (const p of people) await t.http.post(`/api/registrations/${p.token}/meeting-requests`).send({ deskIds: [a.id, b.id] }).expect(200);
    // The third changes their mind: WFP first.
    await t.http.post(`/api/registrations/${people[2].token}/meeting-requests`).send({ deskIds: [b.id] }).expect(200);
    await t.http.post(`/api/registrations/${people[1].token}/meeting-requests`).send({ deskIds: [a.id, b.id, a.id] }).expect(400);
    await t.http.post(`/api/registrations/${people[1].token}/meeting-requests`).send({ deskIds: ['00000000-0000-4000-8000-000000000000'] }).expect(400);

    const closed = await t.http.post(`/api/seminars/${s.id}/meeting-requests/close`).set(bearer(organizer.token)).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', allocated: 3 });
    const all = (await t.http.get(`/api/seminars/${s.id}/meetings`).set(bearer(organizer.token)).expect(200)).body as Array<{ registrationId: string; deskId: string }>;
    // people[2] got WFP (their first); one of people[0..1] got UNDP (first), the other WFP (second; UNDP's one slot was gone).
    expect(all.filter((m) => m.registrationId === people[2].id).map((m) => m.deskId)).toEqual([b.id]);
    const undpWinner = all.find((m) => m.deskId === a.id)!.registrationId;
    expect([people[0].id, people[1].id]).toContain(undpWinner);
    const loser = undpWinner === people[0].id ? people[1] : people[0];
    expect(all.filter((m) => m.registrationId === loser.id).map((m) => m.deskId)).toEqual([b.id]);
    // Each allocated meeting sent its own invite.
    for (const p of people) {
      await sink.waitFor(() => sink.to(p.email).some((mail) => /UNDP|WFP/.test(mail.parsed.subject ?? '')));
      const invite = sink.to(p.email).map((mail) => calendarsOf(mail).alternative).filter(Boolean).map((part) => parseInvite(decodePart(part!))).find((i) => i.uid.startsWith('meeting-'));
      expect(invite).toMatchObject({ method: 'REQUEST', sequence: 0 });
    }
    // After close, booking is first come again: the taken UNDP slot answers "taken", not "requests open".
    expect((await t.http.post(`/api/registrations/${loser.token}/meetings`).send({ slotId: a.slots[0].id }).expect(409)).body.message).toMatch(/already taken/);
  });
});
