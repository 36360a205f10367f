import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'supertest';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Account } from '../src/accounts/account.entity.js';
import { TokensService } from '../src/accounts/tokens.service.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/app-config.js';
import { OutboxEmail } from '../src/mail/outbox-email.entity.js';
import { createOpenApiDocument, OPENAPI_FILE } from '../src/openapi/openapi-document.js';
import { Registration } from '../src/registrations/registration.entity.js';
import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { Seminar } from '../src/seminars/seminar.entity.js';
import { consoleAs } from './support/console-session.js';
import { createSeminar, seminarInput, signUp, signUpBody } from './support/factories.js';
import { bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';

/**
 * Every operation of the OpenAPI document, called for real: each answer's status must be one the
 * document lists for that operation, and its body must match the schema given for that status
 * (checked with ajv; objects may not carry fields the schema does not name). The document is the
 * one the app serves, which docs/openapi.json must equal (test/openapi-document.e2e-spec.ts).
 *
 * Two kinds of calls:
 * - for every operation, whatever it is: without a token, with a `checkin` token, and as admin with
 *   unknown ids and an empty body. These cover the error answers of routes added later, too.
 * - one scenario per operation (SCENARIOS below) that gets its success answers (and the errors
 *   worth provoking). An operation without a scenario fails with a message saying where to add one.
 */

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
interface Call {
  params?: Record<string, string>;
  token?: string;
  body?: unknown;
  accept?: string;
  query?: Record<string, string>;
}
interface Context {
  t: TestApp;
  /** Calls the operation `METHOD /template` and checks the answer against the document; returns it. */
  call(operation: string, call?: Call): Promise<Response>;
  checkinToken: string;
  organizerToken: string;
}

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const UNKNOWN_TOKEN = 'x'.repeat(43);

/** A confirmed registration of a fresh seminar, with its manage token. */
async function registration(c: Context, seminarOverrides: Record<string, unknown> = {}) {
  const seminar = await createSeminar(c.t, seminarOverrides);
  const person = await signUp(c.t, seminar.id);
  return { seminar, person, token: c.t.app.get(RegistrationsService).manageTokenFor(person.id) };
}

/** A desk through the API: the seminar's first hour, four 15-minute slots. */
async function deskOf(c: Context, seminar: { id: string } & Record<string, unknown>, body: Record<string, unknown> = {}) {
  const startsAt = new Date(String(seminar.startsAt));
  const response = await c.t.http
    .post(`/api/seminars/${seminar.id}/desks`)
    .set(bearer(c.organizerToken))
    .send({ agency: 'UNDP', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), slotMinutes: 15, ...body })
    .expect(201);
  return response.body as { id: string; slots: Array<{ id: string }> };
}

/** A confirmed registration with a desk of its seminar and one booked meeting there. */
async function booked(c: Context) {
  const { seminar, person, token } = await registration(c);
  const desk = await deskOf(c, seminar);
  const meeting = (await c.t.http.post(`/api/registrations/${token}/meetings`).send({ slotId: desk.slots[0].id }).expect(201)).body as { id: string };
  const { ticketCode } = await c.t.app.get(DataSource).getRepository(Registration).findOneByOrFail({ id: person.id });
  return { seminar, person, token, desk, meeting, ticketCode: ticketCode! };
}

/** A registration checked in at a seminar that ended yesterday: follow-ups and certificates are open to it. */
async function attended(c: Context) {
  const { seminar, person, token } = await registration(c);
  await c.t.http.post(`/api/seminars/${seminar.id}/check-ins`).set(bearer(c.checkinToken)).send({ registrationId: person.id }).expect(200);
  const startsAt = new Date(Date.now() - 86_400_000);
  await writeDirectly(c.t, (manager) => manager.update(Seminar, { id: seminar.id }, { startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), registrationClosesAt: null }));
  return { seminar, person, token };
}

const SCENARIOS: Record<string, (c: Context) => Promise<void>> = {
  'GET /api/health': async (c) => {
    await c.call('GET /api/health');
  },
  'POST /api/auth/login': async (c) => {
    await c.call('POST /api/auth/login', { body: { email: 'admin@example.org', password: 'admin-password-1' } });
    await c.call('POST /api/auth/login', { body: { email: 'admin@example.org', password: 'wrong-password' } });
    await c.call('POST /api/auth/login', { body: { email: 42 } });
  },
  'POST /api/auth/logout': async (c) => {
    const { accessToken } = (await c.t.http.post('/api/auth/login').send({ email: 'admin@example.org', password: 'admin-password-1' }).expect(200)).body;
    expect((await c.call('POST /api/auth/logout', { token: accessToken })).status).toBe(204);
    expect((await c.call('POST /api/auth/logout', { token: accessToken })).status).toBe(401);
  },
  'POST /api/accounts': async (c) => {
    const email = `api-answers-${Date.now()}@example.org`;
    await c.call('POST /api/accounts', { token: c.t.adminToken, body: { email, password: 'a-long-password', role: 'organizer' } });
    await c.call('POST /api/accounts', { token: c.t.adminToken, body: { email, password: 'a-long-password', role: 'organizer' } });
    await c.call('POST /api/accounts', { token: c.t.adminToken, body: { email: 'short@example.org', password: 'short', role: 'organizer' } });
    await c.call('POST /api/accounts', { token: c.organizerToken, body: { email: 'x@example.org', password: 'a-long-password', role: 'admin' } });
  },
  'GET /api/outbox': async (c) => {
    await registration(c);
    await c.call('GET /api/outbox', { token: c.organizerToken });
    await c.call('GET /api/outbox', { token: c.organizerToken, query: { status: 'queued', limit: '5' } });
    await c.call('GET /api/outbox', { token: c.organizerToken, query: { status: 'lost' } });
  },
  'GET /api/outbox/{id}': async (c) => {
    const { person } = await registration(c);
    const row = await c.t.app.get(DataSource).getRepository(OutboxEmail).findOneByOrFail({ registrationId: person.id });
    await c.call('GET /api/outbox/{id}', { token: c.organizerToken, params: { id: row.id } });
  },
  'POST /api/outbox/{id}/resend': async (c) => {
    const { person } = await registration(c);
    const outbox = c.t.app.get(DataSource).getRepository(OutboxEmail);
    const row = await outbox.findOneByOrFail({ registrationId: person.id });
    await c.call('POST /api/outbox/{id}/resend', { token: c.organizerToken, params: { id: row.id } }); // 409: not failed
    await writeDirectly(c.t, (manager) => manager.update(OutboxEmail, { id: row.id }, { status: 'failed', lastError: '550 mailbox unavailable' }));
    const resent = await c.call('POST /api/outbox/{id}/resend', { token: c.organizerToken, params: { id: row.id } });
    expect(resent.status).toBe(200);
  },
  'GET /api/seminars': async (c) => {
    await createSeminar(c.t, { onlineUrl: 'https://meet.example.org/room', venue: null });
    expect((await c.call('GET /api/seminars')).body.length).toBeGreaterThan(0);
  },
  'POST /api/seminars': async (c) => {
    expect((await c.call('POST /api/seminars', { token: c.organizerToken, body: seminarInput({ status: 'draft' }) })).status).toBe(201);
    await c.call('POST /api/seminars', { token: c.organizerToken, body: seminarInput({ capacity: 0, title: '' }) });
  },
  'GET /api/seminars/{id}': async (c) => {
    const seminar = await createSeminar(c.t, { registrationClosesAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect((await c.call('GET /api/seminars/{id}', { params: { id: seminar.id } })).status).toBe(200);
    const draft = await createSeminar(c.t, { status: 'draft' });
    expect((await c.call('GET /api/seminars/{id}', { params: { id: draft.id } })).status).toBe(404);
  },
  'PATCH /api/seminars/{id}': async (c) => {
    const { seminar } = await registration(c);
    expect((await c.call('PATCH /api/seminars/{id}', { token: c.organizerToken, params: { id: seminar.id }, body: { city: 'Astana', capacity: 80 } })).status).toBe(200);
    expect((await c.call('PATCH /api/seminars/{id}', { token: c.organizerToken, params: { id: seminar.id }, body: { status: 'draft' } })).status).toBe(409);
    expect((await c.call('PATCH /api/seminars/{id}', { token: c.organizerToken, params: { id: seminar.id }, body: { capacity: -1 } })).status).toBe(400);
  },
  'POST /api/seminars/{id}/cancel': async (c) => {
    const { seminar } = await registration(c);
    expect((await c.call('POST /api/seminars/{id}/cancel', { token: c.organizerToken, params: { id: seminar.id } })).body.status).toBe('cancelled');
    await c.call('POST /api/seminars/{id}/cancel', { token: c.organizerToken, params: { id: seminar.id } });
  },
  'GET /api/seminars/{id}/registrations': async (c) => {
    const { seminar } = await registration(c, { capacity: 1 });
    await signUp(c.t, seminar.id);
    expect((await c.call('GET /api/seminars/{id}/registrations', { token: c.organizerToken, params: { id: seminar.id } })).body).toHaveLength(2);
    await c.call('GET /api/seminars/{id}/registrations', { token: c.organizerToken, params: { id: seminar.id }, query: { status: 'waitlisted', q: 'a' } });
    await c.call('GET /api/seminars/{id}/registrations', { token: c.organizerToken, params: { id: seminar.id }, accept: 'text/csv' });
    await c.call('GET /api/seminars/{id}/registrations', { token: c.organizerToken, params: { id: seminar.id }, query: { status: 'lost' } });
  },
  'POST /api/seminars/{id}/registrations': async (c) => {
    const seminar = await createSeminar(c.t, { capacity: 1 });
    const first = signUpBody();
    expect((await c.call('POST /api/seminars/{id}/registrations', { params: { id: seminar.id }, body: first })).body.status).toBe('confirmed');
    expect((await c.call('POST /api/seminars/{id}/registrations', { params: { id: seminar.id }, body: signUpBody() })).body.status).toBe('waitlisted');
    expect((await c.call('POST /api/seminars/{id}/registrations', { params: { id: seminar.id }, body: first })).status).toBe(409);
    expect((await c.call('POST /api/seminars/{id}/registrations', { params: { id: seminar.id }, body: signUpBody({ company: { name: 'A', bin: '000740001308' } }) })).status).toBe(400);
  },
  'GET /api/registrations/{token}': async (c) => {
    const { token } = await registration(c);
    expect((await c.call('GET /api/registrations/{token}', { params: { token } })).status).toBe(200);
  },
  'POST /api/registrations/{token}/cancel': async (c) => {
    const { token } = await registration(c);
    expect((await c.call('POST /api/registrations/{token}/cancel', { params: { token } })).status).toBe(200);
    expect((await c.call('POST /api/registrations/{token}/cancel', { params: { token } })).status).toBe(200);
  },
  'GET /api/registrations/{token}/invite.ics': async (c) => {
    const { seminar, token } = await registration(c, { capacity: 1 });
    expect((await c.call('GET /api/registrations/{token}/invite.ics', { params: { token } })).status).toBe(200);
    const waiting = await signUp(c.t, seminar.id);
    const waitingToken = c.t.app.get(RegistrationsService).manageTokenFor(waiting.id);
    expect((await c.call('GET /api/registrations/{token}/invite.ics', { params: { token: waitingToken } })).status).toBe(409);
  },
  'POST /api/seminars/{id}/check-ins': async (c) => {
    const { seminar, person } = await registration(c);
    const other = await createSeminar(c.t);
    const path = { id: seminar.id };
    expect((await c.call('POST /api/seminars/{id}/check-ins', { token: c.checkinToken, params: path, body: { registrationId: person.id } })).body.alreadyCheckedIn).toBe(false);
    expect((await c.call('POST /api/seminars/{id}/check-ins', { token: c.checkinToken, params: path, body: { registrationId: person.id } })).body.alreadyCheckedIn).toBe(true);
    expect((await c.call('POST /api/seminars/{id}/check-ins', { token: c.checkinToken, params: { id: other.id }, body: { registrationId: person.id } })).status).toBe(409);
    expect((await c.call('POST /api/seminars/{id}/check-ins', { token: c.checkinToken, params: path, body: { ticketCode: 'ZZZZZZZZZZ' } })).status).toBe(404);
    expect((await c.call('POST /api/seminars/{id}/check-ins', { token: c.checkinToken, params: path, body: {} })).status).toBe(400);
  },
  'DELETE /api/seminars/{id}/check-ins/{registrationId}': async (c) => {
    const { seminar, person } = await registration(c);
    await c.t.http.post(`/api/seminars/${seminar.id}/check-ins`).set(bearer(c.checkinToken)).send({ registrationId: person.id }).expect(200);
    const params = { id: seminar.id, registrationId: person.id };
    expect((await c.call('DELETE /api/seminars/{id}/check-ins/{registrationId}', { token: c.organizerToken, params })).body.undone).toBe(true);
    expect((await c.call('DELETE /api/seminars/{id}/check-ins/{registrationId}', { token: c.organizerToken, params })).body.undone).toBe(false);
  },
  'GET /api/seminars/{id}/summary': async (c) => {
    const { seminar } = await registration(c);
    await signUp(c.t, seminar.id, { company: { name: 'Sectorless', bin: signUpBody().company.bin, sector: 'transport' } });
    expect((await c.call('GET /api/seminars/{id}/summary', { token: c.organizerToken, params: { id: seminar.id } })).body.registered).toBe(2);
  },
  'GET /api/reports/attendance-by-company': async (c) => {
    await registration(c);
    expect((await c.call('GET /api/reports/attendance-by-company', { token: c.organizerToken })).body.length).toBeGreaterThan(0);
    await c.call('GET /api/reports/attendance-by-company', { token: c.organizerToken, accept: 'text/csv' });
    await c.call('GET /api/reports/attendance-by-company', { token: c.organizerToken, query: { from: '2026-12-31', to: '2026-01-01' } });
  },
  'POST /api/registrations/{id}/erase': async (c) => {
    const { person } = await registration(c);
    expect((await c.call('POST /api/registrations/{id}/erase', { token: c.t.adminToken, params: { id: person.id } })).status).toBe(200);
    expect((await c.call('POST /api/registrations/{id}/erase', { token: c.organizerToken, params: { id: person.id } })).status).toBe(403);
  },
  'POST /api/seminars/{id}/invitations': async (c) => {
    const seminar = await createSeminar(c.t);
    const invitees = [{ email: 'one@example.org', fullName: 'One', companyName: 'One LLP', bin: signUpBody().company.bin }, { email: 'one@example.org' }, { email: 'not-an-email' }];
    const report = await c.call('POST /api/seminars/{id}/invitations', { token: c.organizerToken, params: { id: seminar.id }, body: { invitees } });
    expect(report.body).toMatchObject({ queued: 1 });
    expect(report.body.skipped).toHaveLength(1);
    expect(report.body.errors).toHaveLength(1);
    expect((await c.call('POST /api/seminars/{id}/invitations', { token: c.organizerToken, params: { id: seminar.id }, body: { invitees: [] } })).status).toBe(400);
    const draft = await createSeminar(c.t, { status: 'draft' });
    expect((await c.call('POST /api/seminars/{id}/invitations', { token: c.organizerToken, params: { id: draft.id }, body: { invitees } })).status).toBe(409);
  },
  'GET /api/seminars/{id}/invitations': async (c) => {
    const seminar = await createSeminar(c.t);
    await c.t.http.post(`/api/seminars/${seminar.id}/invitations`).set(bearer(c.organizerToken)).send({ invitees: [{ email: 'progress@example.org' }] }).expect(202);
    expect((await c.call('GET /api/seminars/{id}/invitations', { token: c.organizerToken, params: { id: seminar.id } })).body.list).toHaveLength(1);
  },
  'GET /api/unspsc/segments': async (c) => {
    expect((await c.call('GET /api/unspsc/segments')).body.length).toBeGreaterThan(0);
  },
  'PATCH /api/registrations/{token}/company': async (c) => {
    const { token } = await registration(c);
    expect((await c.call('PATCH /api/registrations/{token}/company', { params: { token }, body: { unspscCodes: ['25101503'], ungmNumber: '123456' } })).status).toBe(200);
    expect((await c.call('PATCH /api/registrations/{token}/company', { params: { token }, body: { unspscCodes: ['99999999'] } })).status).toBe(400);
  },
  'GET /api/seminars/{id}/desks': async (c) => {
    const seminar = await createSeminar(c.t);
    await deskOf(c, seminar, { unspscSegments: ['43'], officerName: 'A. Officer' });
    expect((await c.call('GET /api/seminars/{id}/desks', { params: { id: seminar.id } })).body).toHaveLength(1);
  },
  'POST /api/seminars/{id}/desks': async (c) => {
    const seminar = await createSeminar(c.t);
    const startsAt = new Date(String(seminar.startsAt));
    const body = { agency: 'UNICEF', table: 'Table 2', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 1_800_000).toISOString(), slotMinutes: 10 };
    expect((await c.call('POST /api/seminars/{id}/desks', { token: c.organizerToken, params: { id: seminar.id }, body })).status).toBe(201);
    expect((await c.call('POST /api/seminars/{id}/desks', { token: c.organizerToken, params: { id: seminar.id }, body: { ...body, agency: 'NOPE' } })).status).toBe(400);
    await c.t.http.post(`/api/seminars/${seminar.id}/cancel`).set(bearer(c.organizerToken)).expect(200);
    expect((await c.call('POST /api/seminars/{id}/desks', { token: c.organizerToken, params: { id: seminar.id }, body })).status).toBe(409);
  },
  'PATCH /api/seminars/{id}/desks/{deskId}': async (c) => {
    const seminar = await createSeminar(c.t);
    const desk = await deskOf(c, seminar);
    const params = { id: seminar.id, deskId: desk.id };
    expect((await c.call('PATCH /api/seminars/{id}/desks/{deskId}', { token: c.organizerToken, params, body: { table: 'Table 9', slotMinutes: 20 } })).body.slots).toHaveLength(3);
    expect((await c.call('PATCH /api/seminars/{id}/desks/{deskId}', { token: c.organizerToken, params, body: { endsAt: '2099-01-01T00:00:00Z' } })).status).toBe(400);
    const other = await createSeminar(c.t);
    expect((await c.call('PATCH /api/seminars/{id}/desks/{deskId}', { token: c.organizerToken, params: { id: other.id, deskId: desk.id }, body: { table: 'X' } })).status).toBe(404);
  },
  'DELETE /api/seminars/{id}/desks/{deskId}': async (c) => {
    const { seminar, desk } = await booked(c);
    const params = { id: seminar.id, deskId: desk.id };
    expect((await c.call('DELETE /api/seminars/{id}/desks/{deskId}', { token: c.organizerToken, params })).body.cancelledMeetings).toBe(1);
    expect((await c.call('DELETE /api/seminars/{id}/desks/{deskId}', { token: c.organizerToken, params })).status).toBe(404);
  },
  'GET /api/seminars/{id}/meetings': async (c) => {
    const { seminar } = await booked(c);
    expect((await c.call('GET /api/seminars/{id}/meetings', { token: c.organizerToken, params: { id: seminar.id } })).body).toHaveLength(1);
    await c.call('GET /api/seminars/{id}/meetings', { token: c.organizerToken, params: { id: seminar.id }, accept: 'text/csv' });
  },
  'GET /api/seminars/{id}/meetings/report': async (c) => {
    const { seminar, meeting } = await booked(c);
    await c.t.http.post(`/api/seminars/${seminar.id}/meetings/${meeting.id}/held`).set(bearer(c.checkinToken)).expect(200);
    expect((await c.call('GET /api/seminars/{id}/meetings/report', { token: c.organizerToken, params: { id: seminar.id } })).body[0]).toMatchObject({ agency: 'UNDP', booked: 1, held: 1 });
    await c.call('GET /api/seminars/{id}/meetings/report', { token: c.organizerToken, params: { id: seminar.id }, accept: 'text/csv' });
  },
  'POST /api/seminars/{id}/meetings/held': async (c) => {
    const { seminar, desk, ticketCode } = await booked(c);
    const held = await c.call('POST /api/seminars/{id}/meetings/held', { token: c.checkinToken, params: { id: seminar.id }, body: { deskId: desk.id, ticketCode } });
    expect(held.body.heldAt).not.toBeNull();
    expect((await c.call('POST /api/seminars/{id}/meetings/held', { token: c.checkinToken, params: { id: seminar.id }, body: { deskId: UNKNOWN_UUID, ticketCode } })).status).toBe(404);
    expect((await c.call('POST /api/seminars/{id}/meetings/held', { token: c.checkinToken, params: { id: seminar.id }, body: { deskId: 'x', ticketCode } })).status).toBe(400);
  },
  'POST /api/seminars/{id}/meetings/walk-in': async (c) => {
    const { seminar, desk, ticketCode } = await booked(c);
    const path = { id: seminar.id };
    expect((await c.call('POST /api/seminars/{id}/meetings/walk-in', { token: c.checkinToken, params: path, body: { slotId: desk.slots[1].id, ticketCode } })).status).toBe(409); // same desk
    const other = await deskOf(c, seminar, { agency: 'WFP' });
    expect((await c.call('POST /api/seminars/{id}/meetings/walk-in', { token: c.checkinToken, params: path, body: { slotId: other.slots[1].id, ticketCode } })).status).toBe(201);
    expect((await c.call('POST /api/seminars/{id}/meetings/walk-in', { token: c.checkinToken, params: path, body: { slotId: other.slots[2].id, ticketCode: 'ZZZZZZZZZZ' } })).status).toBe(404);
  },
  'POST /api/seminars/{id}/meetings/{meetingId}/held': async (c) => {
    const { seminar, meeting, token } = await booked(c);
    const params = { id: seminar.id, meetingId: meeting.id };
    expect((await c.call('POST /api/seminars/{id}/meetings/{meetingId}/held', { token: c.checkinToken, params })).body.heldAt).not.toBeNull();
    await c.t.http.post(`/api/registrations/${token}/meetings/${meeting.id}/cancel`).expect(200);
    expect((await c.call('POST /api/seminars/{id}/meetings/{meetingId}/held', { token: c.checkinToken, params })).status).toBe(409);
  },
  'POST /api/seminars/{id}/meetings/{meetingId}/cancel': async (c) => {
    const { seminar, meeting } = await booked(c);
    expect((await c.call('POST /api/seminars/{id}/meetings/{meetingId}/cancel', { token: c.organizerToken, params: { id: seminar.id, meetingId: meeting.id } })).body.status).toBe('cancelled');
  },
  'GET /api/seminars/{id}/meeting-requests': async (c) => {
    const seminar = await createSeminar(c.t);
    await c.t.http.post(`/api/seminars/${seminar.id}/meeting-requests/open`).set(bearer(c.organizerToken)).send({}).expect(200);
    expect((await c.call('GET /api/seminars/{id}/meeting-requests', { token: c.organizerToken, params: { id: seminar.id } })).body.status).toBe('open');
  },
  'POST /api/seminars/{id}/meeting-requests/open': async (c) => {
    const seminar = await createSeminar(c.t);
    const path = { id: seminar.id };
    expect((await c.call('POST /api/seminars/{id}/meeting-requests/open', { token: c.organizerToken, params: path, body: { maxChoices: 2 } })).body.maxChoices).toBe(2);
    expect((await c.call('POST /api/seminars/{id}/meeting-requests/open', { token: c.organizerToken, params: path, body: {} })).status).toBe(409);
    expect((await c.call('POST /api/seminars/{id}/meeting-requests/open', { token: c.organizerToken, params: path, body: { maxChoices: 11 } })).status).toBe(400);
  },
  'POST /api/seminars/{id}/meeting-requests/close': async (c) => {
    const { seminar, token } = await registration(c);
    const desk = await deskOf(c, seminar);
    const path = { id: seminar.id };
    expect((await c.call('POST /api/seminars/{id}/meeting-requests/close', { token: c.organizerToken, params: path })).status).toBe(404);
    await c.t.http.post(`/api/seminars/${seminar.id}/meeting-requests/open`).set(bearer(c.organizerToken)).send({}).expect(200);
    await c.t.http.post(`/api/registrations/${token}/meeting-requests`).send({ deskIds: [desk.id] }).expect(200);
    expect((await c.call('POST /api/seminars/{id}/meeting-requests/close', { token: c.organizerToken, params: path })).body.allocated).toBe(1);
    expect((await c.call('POST /api/seminars/{id}/meeting-requests/close', { token: c.organizerToken, params: path })).status).toBe(409);
  },
  'GET /api/registrations/{token}/meetings': async (c) => {
    const { token } = await booked(c);
    expect((await c.call('GET /api/registrations/{token}/meetings', { params: { token } })).body).toHaveLength(1);
  },
  'POST /api/registrations/{token}/meetings': async (c) => {
    const { seminar, token } = await registration(c);
    const desk = await deskOf(c, seminar);
    expect((await c.call('POST /api/registrations/{token}/meetings', { params: { token }, body: { slotId: desk.slots[0].id } })).status).toBe(201);
    const rival = c.t.app.get(RegistrationsService).manageTokenFor((await signUp(c.t, seminar.id)).id);
    expect((await c.call('POST /api/registrations/{token}/meetings', { params: { token: rival }, body: { slotId: desk.slots[0].id } })).body.code).toBe('slot_taken');
    expect((await c.call('POST /api/registrations/{token}/meetings', { params: { token }, body: { slotId: UNKNOWN_UUID } })).status).toBe(404);
    expect((await c.call('POST /api/registrations/{token}/meetings', { params: { token }, body: {} })).status).toBe(400);
  },
  'POST /api/registrations/{token}/meetings/{meetingId}/cancel': async (c) => {
    const { token, meeting } = await booked(c);
    expect((await c.call('POST /api/registrations/{token}/meetings/{meetingId}/cancel', { params: { token, meetingId: meeting.id } })).body.status).toBe('cancelled');
    expect((await c.call('POST /api/registrations/{token}/meetings/{meetingId}/cancel', { params: { token, meetingId: meeting.id } })).status).toBe(200);
  },
  'POST /api/registrations/{token}/meeting-requests': async (c) => {
    const { seminar, token } = await registration(c);
    const desk = await deskOf(c, seminar);
    expect((await c.call('POST /api/registrations/{token}/meeting-requests', { params: { token }, body: { deskIds: [desk.id] } })).status).toBe(409); // no window open
    await c.t.http.post(`/api/seminars/${seminar.id}/meeting-requests/open`).set(bearer(c.organizerToken)).send({}).expect(200);
    expect((await c.call('POST /api/registrations/{token}/meeting-requests', { params: { token }, body: { deskIds: [desk.id] } })).body.deskIds).toEqual([desk.id]);
    expect((await c.call('POST /api/registrations/{token}/meeting-requests', { params: { token }, body: { deskIds: [UNKNOWN_UUID] } })).status).toBe(400);
  },
  'GET /api/agencies': async (c) => {
    expect((await c.call('GET /api/agencies', { token: c.organizerToken })).body.length).toBeGreaterThan(5);
  },
  'POST /api/agencies': async (c) => {
    expect((await c.call('POST /api/agencies', { token: c.organizerToken, body: { code: 'ITC', name: 'International Trade Centre' } })).status).toBe(201);
    expect((await c.call('POST /api/agencies', { token: c.organizerToken, body: { code: '', name: 'Nameless' } })).status).toBe(400);
  },
  'POST /api/agencies/{agencyId}/disable': async (c) => {
    const agency = (await c.t.http.post('/api/agencies').set(bearer(c.organizerToken)).send({ code: 'UNECE', name: 'UN Economic Commission for Europe' }).expect(201)).body;
    expect((await c.call('POST /api/agencies/{agencyId}/disable', { token: c.organizerToken, params: { agencyId: agency.id } })).body.active).toBe(false);
  },
  'POST /api/agencies/{agencyId}/enable': async (c) => {
    const agency = (await c.t.http.post('/api/agencies').set(bearer(c.organizerToken)).send({ code: 'UNCTAD', name: 'UN Trade and Development' }).expect(201)).body;
    await c.t.http.post(`/api/agencies/${agency.id}/disable`).set(bearer(c.organizerToken)).expect(200);
    expect((await c.call('POST /api/agencies/{agencyId}/enable', { token: c.organizerToken, params: { agencyId: agency.id } })).body.active).toBe(true);
  },
  'POST /api/registrations/{token}/follow-up': async (c) => {
    const early = await registration(c);
    expect((await c.call('POST /api/registrations/{token}/follow-up', { params: { token: early.token }, body: { ungmStage: 'account' } })).status).toBe(409);
    const { token } = await attended(c);
    expect((await c.call('POST /api/registrations/{token}/follow-up', { params: { token }, body: { ungmStage: 'registered', bidsSubmitted: 2, rating: 5, comment: 'Useful' } })).status).toBe(201);
    expect((await c.call('POST /api/registrations/{token}/follow-up', { params: { token }, body: { ungmStage: 'nowhere' } })).status).toBe(400);
  },
  'GET /api/reports/ungm-outcomes': async (c) => {
    const { token } = await attended(c);
    await c.t.http.post(`/api/registrations/${token}/follow-up`).send({ ungmStage: 'level1', rating: 4 }).expect(201);
    expect((await c.call('GET /api/reports/ungm-outcomes', { token: c.organizerToken })).body.seminars.length).toBeGreaterThan(0);
    await c.call('GET /api/reports/ungm-outcomes', { token: c.organizerToken, accept: 'text/csv' });
    await c.call('GET /api/reports/ungm-outcomes', { token: c.organizerToken, query: { from: 'yesterday' } });
  },
  'GET /api/registrations/{token}/certificate.pdf': async (c) => {
    const early = await registration(c);
    expect((await c.call('GET /api/registrations/{token}/certificate.pdf', { params: { token: early.token } })).status).toBe(409);
    const { token } = await attended(c);
    expect((await c.call('GET /api/registrations/{token}/certificate.pdf', { params: { token } })).status).toBe(200);
  },
};

/** Every object schema closed: an answer may not carry a field the document does not name. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = key === 'example' || key === 'examples' ? value : closed(value);
  if (copy.type === 'object' && copy.properties && copy.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}

const documentedOperations = (document: OpenAPIObject) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    (['get', 'post', 'patch', 'put', 'delete'] as Method[]).filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${path}`),
  );

describe('API answers match the OpenAPI document', () => {
  let t: TestApp;
  let document: OpenAPIObject;
  let context: Context;
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormatsModule as unknown as (ajv: Ajv) => void)(ajv);
  const validators = new Map<unknown, ValidateFunction>();

  function check(operation: string, response: Response): void {
    const [method, template] = operation.split(' ');
    const documented = document.paths[template]?.[method.toLowerCase() as Method];
    if (!documented) throw new Error(`${operation} is not in the OpenAPI document`);
    const answer = documented.responses[String(response.status)] as { content?: Record<string, { schema?: unknown }> } | undefined;
    if (!answer) {
      throw new Error(`${operation} answered ${response.status} ${JSON.stringify(response.body).slice(0, 300)}, which its OpenAPI responses (${Object.keys(documented.responses).join(', ')}) do not list; document it (e.g. @ApiErrors(${response.status}) from src/common/api-docs.ts)`);
    }
    const mediaType = String(response.headers['content-type'] ?? '').split(';')[0].trim();
    if (!mediaType) return;
    const content = answer.content?.[mediaType];
    if (!content) throw new Error(`${operation} answered ${response.status} as ${mediaType}, which the document does not list for it (${Object.keys(answer.content ?? {}).join(', ') || 'no content'})`);
    if (mediaType !== 'application/json') return;
    if (!content.schema) throw new Error(`${operation} ${response.status}: the document gives no schema for the JSON answer`);
    let validate = validators.get(content.schema);
    if (!validate) {
      validate = ajv.compile(closed(content.schema) as object);
      validators.set(content.schema, validate);
    }
    if (!validate(response.body)) {
      throw new Error(`${operation} ${response.status}: the answer does not match its schema: ${ajv.errorsText(validate.errors, { dataVar: 'body' })}\nbody: ${JSON.stringify(response.body).slice(0, 1000)}`);
    }
  }

  async function call(operation: string, options: Call = {}): Promise<Response> {
    const [method, template] = operation.split(' ');
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(options.params?.[name] ?? (name === 'token' ? UNKNOWN_TOKEN : UNKNOWN_UUID)));
    let request = t.http[method.toLowerCase() as Method](path);
    if (options.token) request = request.set(bearer(options.token));
    if (options.accept) request = request.set('Accept', options.accept);
    if (options.query) request = request.query(options.query);
    const response = options.body === undefined ? await request : await request.send(options.body as object);
    check(operation, response);
    return response;
  }

  /** A new session of the seeded admin or of the checkin account, without going through the sign-in limits. */
  async function freshToken(role: 'admin' | 'checkin'): Promise<string> {
    const account = await t.app.get(DataSource).getRepository(Account).findOneByOrFail(role === 'admin' ? { email: 'admin@example.org' } : { id: checkinAccountId });
    return t.app.get(TokensService).sign({ sub: account.id, role: account.role, ver: account.tokenVersion, sid: randomBytes(16).toString('base64url') }).token;
  }
  let checkinAccountId: string;

  beforeAll(async () => {
    t = await startTestApp({ MAIL_WORKER: 'off' });
    document = (await SwaggerParser.dereference(structuredClone(createOpenApiDocument(t.app)) as never)) as unknown as OpenAPIObject;
    const checkin = await consoleAs(t, 'checkin');
    const organizer = await consoleAs(t, 'organizer');
    checkinAccountId = checkin.id;
    context = { t, call, checkinToken: checkin.token, organizerToken: organizer.token };
  });
  afterAll(async () => t?.close());

  it('has no scenario for an operation the document does not have', () => {
    const operations = documentedOperations(document);
    expect(Object.keys(SCENARIOS).filter((operation) => !operations.includes(operation))).toEqual([]);
  });

  // The list comes from the committed docs/openapi.json (read when the file loads; the app's own
  // document is only known once it runs): test/openapi-document.e2e-spec.ts fails when they differ.
  describe.each(documentedOperations(JSON.parse(readFileSync(join(PROJECT_ROOT, OPENAPI_FILE), 'utf8'))).map((operation) => [operation]))('%s', (operation) => {
    it('answers as documented: success and errors', async () => {
      const scenario = SCENARIOS[operation];
      if (!scenario) throw new Error(`no scenario calls ${operation}: add one to SCENARIOS in test/api-answers.e2e-spec.ts that gets its success answer`);
      await scenario(context);
    });

    it('answers as documented without a token, with a role that may not, and for unknown ids', async () => {
      const secured = (document.paths[operation.split(' ')[1]][operation.split(' ')[0].toLowerCase() as Method]!.security ?? []).length > 0;
      const anonymous = await call(operation, { body: {} });
      if (secured) expect(anonymous.status).toBe(401);
      // Tokens of their own: an operation such as sign-out may revoke the one it is called with.
      await call(operation, { body: {}, token: await freshToken('checkin') });
      await call(operation, { body: {}, token: await freshToken('admin') });
    });
  });
});
