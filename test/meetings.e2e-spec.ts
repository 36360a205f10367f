import { DataSource } from 'typeorm';
import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { Registration } from '../src/registrations/registration.entity.js';
import { WritePath } from '../src/database/write-path.js';
import { calendarsOf, decodePart, parseInvite } from './support/mail-fixtures.js';
import { consoleAs } from './support/console-session.js';
import { createSeminar, validBin } from './support/factories.js';
import { usingPostgres } from './support/database.js';
import { SmtpSink, type ReceivedMail } from './support/smtp-sink.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Meetings with agency desks, through the real app: every booking rule (and that the database
 * enforces it too), the 20-way race for one slot (two app instances on PostgreSQL), emails with
 * their own calendars parsed with ical.js from a real SMTP server, cancellations flowing from
 * registrations, seminars and desks, holding meetings, and the reports.
 */
describe('meetings with agency desks', () => {
  let t: TestApp;
  let second: TestApp | null = null;
  let sink: SmtpSink;
  let organizer: Awaited<ReturnType<typeof consoleAs>>;
  let door: Awaited<ReturnType<typeof consoleAs>>;

  const hour = 3_600_000;
  const base = (() => {
    const start = new Date(Date.now() + 10 * 86_400_000);
    start.setUTCHours(4, 0, 0, 0);
    return start;
  })();
  const at = (minutes: number) => new Date(base.getTime() + minutes * 60_000).toISOString();

  const tokenOf = (id: string) => t.app.get(RegistrationsService).manageTokenFor(id);
  const db = () => t.app.get(DataSource);

  async function seminar(overrides: Record<string, unknown> = {}) {
    return createSeminar(t, { startsAt: base.toISOString(), endsAt: new Date(base.getTime() + 6 * hour).toISOString(), capacity: 100, ...overrides });
  }

  async function person(seminarId: string, overrides: { language?: string; email?: string } = {}) {
    const email = overrides.email ?? `p-${Math.random().toString(36).slice(2, 10)}@example.kz`;
    const response = await t.http
      .post(`/api/seminars/${seminarId}/registrations`)
      .send({ fullName: `Person ${email.slice(2, 8)}`, email, consent: true, language: overrides.language ?? 'en', company: { name: `Company ${email.slice(2, 8)}`, bin: validBin() } });
    expect(response.status).toBe(201);
    return { id: response.body.id as string, status: response.body.status as string, email, token: tokenOf(response.body.id) };
  }

  async function desk(seminarId: string, body: Record<string, unknown> = {}) {
    const response = await t.http
      .post(`/api/seminars/${seminarId}/desks`)
      .set(bearer(organizer.token))
      .send({ agency: 'UNDP', table: 'Table 1', startsAt: at(60), endsAt: at(120), slotMinutes: 15, ...body });
    expect(response.status).toBe(201);
    return response.body as { id: string; slots: Array<{ id: string; startsAt: string; endsAt: string; free: boolean }>; table: string };
  }

  const book = (token: string, slotId: string, app: TestApp = t) => app.http.post(`/api/registrations/${token}/meetings`).send({ slotId });

  function invitesTo(email: string): Array<ReturnType<typeof parseInvite> & { mail: ReceivedMail }> {
    return sink
      .to(email)
      .map((mail) => ({ mail, part: calendarsOf(mail).alternative }))
      .filter((entry) => entry.part)
      .map((entry) => ({ ...parseInvite(decodePart(entry.part!)), mail: entry.mail }))
      .filter((invite) => invite.uid.startsWith('meeting-'));
  }

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ SMTP_URL: sink.url, MEETINGS_PER_REGISTRATION: '2' });
    organizer = await consoleAs(t, 'organizer');
    door = await consoleAs(t, 'checkin');
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
    await sink?.stop();
  });

  it('adds desks with slots cut from the window; checks the window, slot length, agency and role', async () => {
    const s = await seminar();
    const created = await desk(s.id, { unspscSegments: ['43', '46'], officerName: 'A. Officer' });
    expect(created).toMatchObject({ seminarId: s.id, agency: 'UNDP', table: 'Table 1', officerName: 'A. Officer', slotMinutes: 15, unspscSegments: ['43', '46'] });
    expect(created.slots.map((slot) => slot.startsAt)).toEqual([at(60), at(75), at(90), at(105)]);
    expect(created.slots.every((slot) => slot.free)).toBe(true);

    const post = (body: Record<string, unknown>, token = organizer.token) =>
      t.http.post(`/api/seminars/${s.id}/desks`).set(bearer(token)).send({ agency: 'UNICEF', startsAt: at(0), endsAt: at(60), slotMinutes: 10, ...body });
    expect((await post({ startsAt: at(-30) })).status).toBe(400);
    expect((await post({ endsAt: at(7 * 60) })).body.message).toMatch(/inside the seminar/);
    expect(String((await post({ slotMinutes: 4 })).body.message)).toMatch(/slotMinutes/);
    expect((await post({ slotMinutes: 121 })).status).toBe(400);
    expect((await post({ agency: 'NOPE' })).body.message).toMatch(/agency/);
    expect(String((await post({ unspscSegments: ['4'] })).body.message)).toMatch(/unspscSegments/);
    expect(String((await post({ unspscSegments: ['43', '99'] })).body.message)).toMatch(/unspscSegments: "99" is not a known UNSPSC segment/);
    expect((await post({}, door.token)).status).toBe(403);
    await t.http.post(`/api/seminars/${s.id}/desks`).send({}).expect(401);
    const unicef = await post({});
    expect(unicef.status).toBe(201);
    expect(unicef.body.table).toBe('UNICEF');

    const listed = await t.http.get(`/api/seminars/${s.id}/desks`).expect(200);
    expect(listed.body.map((d: { agency: string }) => d.agency)).toEqual(['UNDP', 'UNICEF']);
    expect(JSON.stringify(listed.body)).not.toMatch(/company|bin/i);
  });

  it('the agency list is managed: seeded, extended, and a removed agency is refused for new desks', async () => {
    const list = await t.http.get('/api/agencies').set(bearer(organizer.token)).expect(200);
    expect(list.body.map((a: { code: string }) => a.code)).toEqual(expect.arrayContaining(['UNDP', 'UNICEF', 'UNOPS', 'UNPD', 'WFP', 'UNHCR', 'UNFPA', 'WHO', 'FAO', 'IOM', 'UNDSS']));
    const added = await t.http.post('/api/agencies').set(bearer(organizer.token)).send({ code: 'ITC', name: 'International Trade Centre' }).expect(201);
    const s = await seminar();
    await desk(s.id, { agency: 'ITC' });
    await t.http.post(`/api/agencies/${added.body.id}/disable`).set(bearer(organizer.token)).expect(200);
    const refused = await t.http.post(`/api/seminars/${s.id}/desks`).set(bearer(organizer.token)).send({ agency: 'ITC', startsAt: at(0), endsAt: at(60), slotMinutes: 10 });
    expect(refused.status).toBe(400);
  });

  it('books a slot: 201 Meeting, the slot shows taken, and an email with its own invite (UID, ORGANIZER, ATTENDEE, LOCATION, SEQUENCE)', async () => {
    const s = await seminar({ venue: 'Rixos', city: 'Almaty' });
    const d = await desk(s.id, { table: 'Table 7' });
    const p = await person(s.id, { language: 'kk' });
    const response = await book(p.token, d.slots[1].id).expect(201);
    expect(response.body).toMatchObject({ registrationId: p.id, deskId: d.id, slotId: d.slots[1].id, agency: 'UNDP', table: 'Table 7', startsAt: at(75), endsAt: at(90), status: 'booked', heldAt: null });

    const listed = await t.http.get(`/api/seminars/${s.id}/desks`).expect(200);
    expect(listed.body[0].slots.map((slot: { free: boolean }) => slot.free)).toEqual([true, false, true, true]);
    const mine = await t.http.get(`/api/registrations/${p.token}/meetings`).expect(200);
    expect(mine.body.map((m: { id: string }) => m.id)).toEqual([response.body.id]);

    await sink.waitFor(() => invitesTo(p.email).length >= 1);
    const [invite] = invitesTo(p.email);
    const registrationInvite = sink.to(p.email).map((mail) => calendarsOf(mail).alternative).filter(Boolean).map((part) => parseInvite(decodePart(part!)))
      .find((parsed) => !parsed.uid.startsWith('meeting-'))!;
    expect(invite).toMatchObject({ method: 'REQUEST', sequence: 0, start: new Date(at(75)), end: new Date(at(90)), });
    expect(invite.attendee.toLowerCase()).toBe(`mailto:${p.email}`);
    expect(invite.uid).toBe(`meeting-${response.body.id}@localhost`);
    expect(invite.uid).not.toBe(registrationInvite.uid);
    expect(invite.organizer).toMatch(/^mailto:/i);
    expect(invite.location).toBe('Table 7, Rixos, Almaty');
    expect(invite.summary).toContain('UNDP');
    // In the registrant's language (kk), HTML and text.
    expect(invite.mail.parsed.subject).toMatch(/Кездесу белгіленді: UNDP/);
    // The zone in words of the registrant's language, as in the seminar's emails, not "Asia/Almaty".
    expect(invite.mail.parsed.subject).toMatch(/Алматы уақыты \(UTC\+5\)$/);
    expect(invite.mail.parsed.text).not.toContain('Asia/Almaty');
    expect(invite.mail.parsed.text).toContain('Table 7');
    expect(invite.mail.parsed.html).toContain('Table 7');
    // The manage link, PUBLIC_URL + /r/ + token exactly (CONTRACT: every registrant email), beside the meetings page.
    const lines = (invite.mail.parsed.text ?? '').split('\n').map((line) => line.trim());
    expect(lines).toContain(`http://localhost:3999/r/${p.token}`);
    expect(lines).toContain(`http://localhost:3999/r/${p.token}/meetings`);
    expect(invite.mail.parsed.html).toContain(`href="http://localhost:3999/r/${p.token}"`);
  });

  it('refuses with 409: slot taken, overlap, same desk, over MEETINGS_PER_REGISTRATION, waitlisted, cancelled; 404 unknown slot; 400 bad body', async () => {
    const s = await seminar({ capacity: 2 });
    const a = await desk(s.id, { agency: 'UNDP' });
    const b = await desk(s.id, { agency: 'WFP', startsAt: at(65), endsAt: at(125), slotMinutes: 20 });
    const c = await desk(s.id, { agency: 'WHO', startsAt: at(180), endsAt: at(240), slotMinutes: 30 });
    const p = await person(s.id);
    const q = await person(s.id);
    const waiting = await person(s.id);
    expect(waiting.status).toBe('waitlisted');

    await book(p.token, a.slots[0].id).expect(201);
    const taken = await book(q.token, a.slots[0].id).expect(409);
    expect(taken.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(taken.body.message).toMatch(/slotId/);
    // WFP 65-85 overlaps UNDP 60-75
    expect((await book(p.token, b.slots[0].id).expect(409)).body.message).toMatch(/overlapping/);
    expect((await book(p.token, a.slots[2].id).expect(409)).body.message).toMatch(/this desk/);
    await book(p.token, b.slots[1].id).expect(201); // 85-105: no overlap
    expect((await book(p.token, c.slots[0].id).expect(409)).body.message).toMatch(/MEETINGS_PER_REGISTRATION/);
    expect((await book(waiting.token, c.slots[0].id).expect(409)).body.message).toMatch(/confirmed/);
    await book(p.token, '00000000-0000-4000-8000-000000000000').expect(404);
    await book(p.token, 'not-a-uuid').expect(404);
    await t.http.post(`/api/registrations/${p.token}/meetings`).send({}).expect(400);
    await t.http.post(`/api/registrations/${'x'.repeat(43)}/meetings`).send({ slotId: c.slots[0].id }).expect(404);

    // A slot of another seminar is not found through this registration.
    const other = await seminar();
    const elsewhere = await desk(other.id);
    await book(q.token, elsewhere.slots[0].id).expect(404);

    // Cancelled registrations cannot book.
    await t.http.post(`/api/registrations/${q.token}/cancel`).expect(200);
    expect((await book(q.token, c.slots[1].id).expect(409)).body.message).toMatch(/confirmed/);
  });

  it('the database itself refuses what the rules forbid, even when code is bypassed', async () => {
    const s = await seminar();
    const a = await desk(s.id);
    const b = await desk(s.id, { agency: 'WFP' });
    const p = await person(s.id);
    const q = await person(s.id);
    const first = await book(p.token, a.slots[0].id).expect(201);
    const row = await db().query(usingPostgres ? 'SELECT * FROM meeting WHERE id = $1' : 'SELECT * FROM meeting WHERE id = ?', [first.body.id]);
    // Timestamps as each database stores them (SQLite: UTC text).
    const time = (iso: string) => (usingPostgres ? new Date(iso) : new Date(iso).toISOString().replace('T', ' ').replace('Z', ''));
    const unique = usingPostgres ? /duplicate key/ : /UNIQUE constraint failed/;
    const insert = async (values: Record<string, unknown>) => {
      const merged = { ...row[0], id: crypto.randomUUID(), ...values };
      const columns = Object.keys(merged);
      const marks = columns.map((_, i) => (usingPostgres ? `$${i + 1}` : '?')).join(', ');
      await t.app.get(WritePath).transaction((manager) => manager.query(`INSERT INTO meeting (${columns.join(', ')}) VALUES (${marks})`, columns.map((column) => merged[column])));
    };
    const qRow = await db().getRepository(Registration).findOneByOrFail({ id: q.id });
    // same slot, other registration
    await expect(insert({ registration_id: q.id, company_id: qRow.companyId })).rejects.toThrow(unique);
    // same registration, same desk, other slot (and place), at another time
    await expect(insert({ slot_id: a.slots[2].id, place: 2, starts_at: time(a.slots[2].startsAt), ends_at: time(a.slots[2].endsAt) })).rejects.toThrow(unique);
    // overlapping time at another desk
    await expect(insert({ desk_id: b.id, slot_id: b.slots[0].id, place: 2 })).rejects.toThrow(/meeting_overlap/);
    // same place (the cap on meetings at once)
    await expect(insert({ desk_id: b.id, slot_id: b.slots[3].id, starts_at: time(b.slots[3].startsAt), ends_at: time(b.slots[3].endsAt) })).rejects.toThrow(unique);
    // and the same row with a free place goes in: the refusals above were the rules, not the test
    await insert({ desk_id: b.id, slot_id: b.slots[3].id, place: 2, starts_at: time(b.slots[3].startsAt), ends_at: time(b.slots[3].endsAt) });
    // a waitlisted/cancelled registration
    await t.http.post(`/api/registrations/${q.token}/cancel`).expect(200);
    await expect(
      insert({ registration_id: q.id, company_id: qRow.companyId, desk_id: b.id, slot_id: b.slots[2].id, starts_at: time(b.slots[2].startsAt), ends_at: time(b.slots[2].endsAt) }),
    ).rejects.toThrow(/meeting_registration_not_confirmed/);
  });

  it('20 companies racing for one slot: exactly one 201, nineteen 409 (two app instances on PostgreSQL)', async () => {
    if (usingPostgres && !second) second = await startTestApp({ SMTP_URL: sink.url, MEETINGS_PER_REGISTRATION: '2' }, t.database);
    const s = await seminar();
    const d = await desk(s.id);
    const people = [];
    for (let i = 0; i < 20; i++) people.push(await person(s.id));
    const results = await Promise.all(people.map((p, i) => book(p.token, d.slots[0].id, second && i % 2 ? second : t)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((code) => code === 201)).toHaveLength(1);
    expect(statuses.filter((code) => code === 409)).toHaveLength(19);
    const booked = await db().query(usingPostgres ? "SELECT COUNT(*) AS n FROM meeting WHERE slot_id = $1 AND status = 'booked'" : "SELECT COUNT(*) AS n FROM meeting WHERE slot_id = ? AND status = 'booked'", [d.slots[0].id]);
    expect(Number(booked[0].n)).toBe(1);
  });

  it('one registration racing for many slots at once never exceeds its limit or overlaps', async () => {
    const s = await seminar();
    const desks = [];
    for (const agency of ['UNDP', 'WFP', 'WHO', 'FAO', 'IOM']) desks.push(await desk(s.id, { agency, startsAt: at(60), endsAt: at(120), slotMinutes: 30 }));
    const p = await person(s.id);
    // 10 bookings at once: two disjoint times at five desks; at most 2 (the limit) can win, never at the same time.
    const attempts = desks.flatMap((d) => d.slots.map((slot) => ({ slot, app: second && Math.random() < 0.5 ? second : t })));
    const results = await Promise.all(attempts.map(({ slot, app }) => book(p.token, slot.id, app)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const mine = (await t.http.get(`/api/registrations/${p.token}/meetings`).expect(200)).body as Array<{ startsAt: string }>;
    expect(new Set(mine.map((m) => m.startsAt)).size).toBe(2);
  });

  it('calendar sequence: book → desk moved (update, same UID, higher SEQUENCE) → cancel (METHOD:CANCEL, higher again); the slot is free at once', async () => {
    const s = await seminar();
    const d = await desk(s.id);
    const p = await person(s.id, { language: 'ru' });
    const meeting = (await book(p.token, d.slots[2].id).expect(201)).body;
    await sink.waitFor(() => invitesTo(p.email).length >= 1);

    // Move the window 30 minutes later with the same slot length: the meeting keeps its slot (third) at the new time.
    const moved = await t.http.patch(`/api/seminars/${s.id}/desks/${d.id}`).set(bearer(organizer.token)).send({ startsAt: at(90), endsAt: at(150), table: 'Table 9' }).expect(200);
    expect(moved.body.slots[2]).toMatchObject({ id: d.slots[2].id, startsAt: at(120), free: false });
    await sink.waitFor(() => invitesTo(p.email).length >= 2);

    const cancelled = await t.http.post(`/api/registrations/${p.token}/meetings/${meeting.id}/cancel`).expect(200);
    expect(cancelled.body).toMatchObject({ id: meeting.id, status: 'cancelled' });
    await t.http.post(`/api/registrations/${p.token}/meetings/${meeting.id}/cancel`).expect(200);
    const after = await t.http.get(`/api/seminars/${s.id}/desks`).expect(200);
    expect(after.body[0].slots[2].free).toBe(true);
    await sink.waitFor(() => invitesTo(p.email).length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const invites = invitesTo(p.email);
    expect(invites).toHaveLength(3);
    const [booked, update, cancel] = invites.sort((x, y) => x.sequence - y.sequence);
    expect(new Set(invites.map((i) => i.uid)).size).toBe(1);
    expect(booked).toMatchObject({ method: 'REQUEST', sequence: 0, start: new Date(at(90)) });
    expect(update).toMatchObject({ method: 'REQUEST', sequence: 1, start: new Date(at(120)), end: new Date(at(135)) });
    expect(update.location).toMatch(/^Table 9/);
    expect(update.mail.parsed.subject).toMatch(/Встреча изменена/);
    // What changed, old -> new, in the seminar's clock (Almaty, UTC+5): 10:30 -> 11:00.
    const changed = (update.mail.parsed.text ?? '').split('\n').find((line) => line.startsWith('Когда: ') && line.includes(' -> '));
    expect(changed).toMatch(/10:30 – 10:45.* -> .*11:00 – 11:15/);
    expect(cancel).toMatchObject({ method: 'CANCEL', sequence: 2, status: 'CANCELLED' });
  });

  it('a shorter window cancels the meetings whose slot no longer exists; moving the seminar moves desks and updates meetings', async () => {
    const s = await seminar();
    const d = await desk(s.id);
    const early = await person(s.id);
    const late = await person(s.id);
    await book(early.token, d.slots[0].id).expect(201);
    await book(late.token, d.slots[3].id).expect(201);
    await t.http.patch(`/api/seminars/${s.id}/desks/${d.id}`).set(bearer(organizer.token)).send({ endsAt: at(90) }).expect(200);
    expect((await t.http.get(`/api/registrations/${late.token}/meetings`).expect(200)).body).toEqual([]);
    await sink.waitFor(() => invitesTo(late.email).some((i) => i.method === 'CANCEL'));

    // The seminar moves one day later: the desk follows, the meeting keeps its place in the day.
    const day = 86_400_000;
    await t.http
      .patch(`/api/seminars/${s.id}`)
      .set(bearer(organizer.token))
      .send({ startsAt: new Date(base.getTime() + day).toISOString(), endsAt: new Date(base.getTime() + day + 6 * hour).toISOString() })
      .expect(200);
    const [mine] = (await t.http.get(`/api/registrations/${early.token}/meetings`).expect(200)).body;
    expect(mine.startsAt).toBe(new Date(new Date(at(60)).getTime() + day).toISOString());
    await sink.waitFor(() => invitesTo(early.email).some((i) => i.sequence === 1 && i.method === 'REQUEST'));
    const desks = (await t.http.get(`/api/seminars/${s.id}/desks`).expect(200)).body;
    expect(desks[0].startsAt).toBe(new Date(new Date(at(60)).getTime() + day).toISOString());
  });

  it('cancelling a registration, deleting a desk, or cancelling the seminar cancels meetings with cancellations', async () => {
    const s = await seminar();
    const a = await desk(s.id);
    const b = await desk(s.id, { agency: 'WFP' });
    const leaving = await person(s.id);
    const staying = await person(s.id);
    await book(leaving.token, a.slots[0].id).expect(201);
    await book(staying.token, a.slots[1].id).expect(201);
    await book(staying.token, b.slots[2].id).expect(201);

    await t.http.post(`/api/registrations/${leaving.token}/cancel`).expect(200);
    expect((await t.http.get(`/api/seminars/${s.id}/desks`).expect(200)).body[0].slots[0].free).toBe(true);
    await sink.waitFor(() => invitesTo(leaving.email).some((i) => i.method === 'CANCEL'));

    const removed = await t.http.delete(`/api/seminars/${s.id}/desks/${b.id}`).set(bearer(organizer.token)).expect(200);
    expect(removed.body.cancelledMeetings).toBe(1);
    expect((await t.http.get(`/api/seminars/${s.id}/desks`).expect(200)).body.map((x: { id: string }) => x.id)).toEqual([a.id]);
    await sink.waitFor(() => invitesTo(staying.email).filter((i) => i.method === 'CANCEL').length === 1);

    await t.http.post(`/api/seminars/${s.id}/cancel`).set(bearer(organizer.token)).expect(200);
    expect((await t.http.get(`/api/registrations/${staying.token}/meetings`).expect(200)).body).toEqual([]);
    await sink.waitFor(() => invitesTo(staying.email).filter((i) => i.method === 'CANCEL').length === 2);
    const cancels = invitesTo(staying.email).filter((i) => i.method === 'CANCEL');
    expect(cancels.every((i) => i.sequence === 1 && i.status === 'CANCELLED')).toBe(true);
    // "Book another time" only where one can: after the desk went, not after the registration or seminar did.
    const rebook = 'You can book another time on your meetings page.';
    const text = (invite: { mail: ReceivedMail }) => (invite.mail.parsed.text ?? '').replace(/\s+/g, ' ');
    expect(invitesTo(leaving.email).filter((i) => i.method === 'CANCEL').map(text).some((body) => body.includes(rebook))).toBe(false);
    const byDesk = cancels.find((i) => i.summary.includes('WFP'))!;
    const bySeminar = cancels.find((i) => i.summary.includes('UNDP'))!;
    expect(text(byDesk)).toContain(rebook);
    expect(text(bySeminar)).toContain('Your meeting with UNDP has been cancelled.');
    expect(text(bySeminar)).not.toContain(rebook);
  });

  it('held: organizer or checkin marks by id or ticket code; walk-ins at the door; lists, CSV and the report by agency', async () => {
    const s = await seminar();
    const a = await desk(s.id);
    const p = await person(s.id);
    const q = await person(s.id);
    const meeting = (await book(p.token, a.slots[0].id).expect(201)).body;

    await t.http.post(`/api/seminars/${s.id}/meetings/${meeting.id}/held`).expect(401);
    const held = await t.http.post(`/api/seminars/${s.id}/meetings/${meeting.id}/held`).set(bearer(door.token)).expect(200);
    expect(held.body.heldAt).toEqual(expect.any(String));
    const again = await t.http.post(`/api/seminars/${s.id}/meetings/${meeting.id}/held`).set(bearer(organizer.token)).expect(200);
    expect(again.body.heldAt).toBe(held.body.heldAt);

    const qTicket = (await db().getRepository(Registration).findOneByOrFail({ id: q.id })).ticketCode;
    const walkIn = await t.http.post(`/api/seminars/${s.id}/meetings/walk-in`).set(bearer(door.token)).send({ slotId: a.slots[1].id, ticketCode: qTicket.toLowerCase() }).expect(201);
    await t.http.post(`/api/seminars/${s.id}/meetings/held`).set(bearer(door.token)).send({ deskId: a.id, ticketCode: qTicket }).expect(200);
    const cancelledOne = (await book(q.token, a.slots[2].id)).status;
    expect(cancelledOne).toBe(409); // same desk

    const list = await t.http.get(`/api/seminars/${s.id}/meetings`).set(bearer(organizer.token)).expect(200);
    expect(list.body).toHaveLength(2);
    expect(list.body[0]).toMatchObject({ id: meeting.id, fullName: expect.any(String), company: { bin: expect.stringMatching(/^\d{12}$/), name: expect.any(String) } });
    expect(list.body[1]).toMatchObject({ id: walkIn.body.id, heldAt: expect.any(String) });
    await t.http.get(`/api/seminars/${s.id}/meetings`).set(bearer(door.token)).expect(403);
    const csv = await t.http.get(`/api/seminars/${s.id}/meetings`).set(bearer(organizer.token)).set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(3);

    const report = await t.http.get(`/api/seminars/${s.id}/meetings/report`).set(bearer(organizer.token)).expect(200);
    expect(report.body).toEqual([expect.objectContaining({ agency: 'UNDP', desks: 1, booked: 2, held: 2, noShows: 0 })]);
    expect(report.body[0].companies).toHaveLength(2);
    const reportCsv = await t.http.get(`/api/seminars/${s.id}/meetings/report`).set(bearer(organizer.token)).set('Accept', 'text/csv').expect(200);
    expect(reportCsv.text).toContain('"UNDP","1","2","2","0"');

    const attendance = await t.http.get('/api/reports/attendance-by-company').set(bearer(organizer.token)).expect(200);
    const row = attendance.body.find((r: { company: { bin: string } }) => r.company.bin === list.body[0].company.bin);
    expect(row).toMatchObject({ meetingsBooked: 1, meetingsHeld: 1 });
    // A cancelled meeting is held no more and cannot be marked.
    await t.http.post(`/api/registrations/${p.token}/meetings/${meeting.id}/cancel`).expect(200);
    await t.http.post(`/api/seminars/${s.id}/meetings/${meeting.id}/held`).set(bearer(door.token)).expect(409);
  });
});
