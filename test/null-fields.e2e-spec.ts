import type { OpenAPIObject } from '@nestjs/swagger';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createOpenApiDocument } from '../src/openapi/openapi-document.js';
import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { consoleAs } from './support/console-session.js';
import { createSeminar, seminarInput, signUp } from './support/factories.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

/**
 * `null` in a JSON body, for every field of every operation that takes one: a field the OpenAPI
 * document marks nullable accepts it (and it means what the document says), any other field answers
 * 400 naming it. Never a 5xx, and a refused change leaves the data as it was. (`@IsOptional()` lets
 * null through to the services, where `{"title": null}` on a seminar used to end in a 500.)
 */

type Schema = { properties?: Record<string, { nullable?: boolean }> };
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

describe('null in JSON bodies', () => {
  let t: TestApp;
  let document: OpenAPIObject;
  let organizer: string;

  beforeAll(async () => {
    t = await startTestApp({ MAIL_WORKER: 'off' });
    document = (await SwaggerParser.dereference(structuredClone(createOpenApiDocument(t.app)) as never)) as unknown as OpenAPIObject;
    organizer = (await consoleAs(t, 'organizer')).token;
  });
  afterAll(async () => t?.close());

  function bodyOperations(): Array<{ method: 'post' | 'patch' | 'put'; path: string; properties: Record<string, { nullable?: boolean }> }> {
    return Object.entries(document.paths).flatMap(([path, item]) =>
      (['post', 'patch', 'put'] as const).flatMap((method) => {
        const schema = (item[method]?.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.['application/json']?.schema;
        return schema?.properties ? [{ method, path, properties: schema.properties }] : [];
      }),
    );
  }

  const messages = (body: { message?: string | string[] }) => [body.message ?? []].flat();

  it('refuses null with a 400 naming the field wherever the document does not allow it', async () => {
    const operations = bodyOperations();
    // The seminar, desk and company operations are among them (the ones that answered 500).
    expect(operations.map((operation) => `${operation.method.toUpperCase()} ${operation.path}`)).toEqual(
      expect.arrayContaining(['PATCH /api/seminars/{id}', 'PATCH /api/seminars/{id}/desks/{deskId}', 'PATCH /api/registrations/{token}/company', 'POST /api/seminars']),
    );
    const failures: string[] = [];
    for (const { method, path, properties } of operations) {
      // Unknown ids: the body is validated before anything is looked up.
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'token' ? 'A'.repeat(43) : UNKNOWN_UUID));
      for (const [field, schema] of Object.entries(properties)) {
        const response = await t.http[method](url).set(bearer(t.adminToken)).send({ [field]: null });
        const named = messages(response.body).some((message) => message.startsWith(`${field} `) || message.startsWith(`${field}:`));
        if (response.status >= 500) failures.push(`${method.toUpperCase()} ${path} {${field}: null}: ${response.status}`);
        else if (!schema.nullable && !(response.status === 400 && named)) failures.push(`${method.toUpperCase()} ${path} {${field}: null}: ${response.status} ${JSON.stringify(response.body)}`);
        else if (schema.nullable && named) failures.push(`${method.toUpperCase()} ${path} {${field}: null} is documented nullable but refused: ${JSON.stringify(response.body)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('PATCH of a seminar: a refused null changes nothing; a documented null clears the field or restores its default', async () => {
    const seminar = await createSeminar(t, { registrationClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), onlineUrl: 'https://meet.example.org/un' });
    const before = (await t.http.get(`/api/seminars/${seminar.id}`)).body;
    for (const field of ['title', 'startsAt', 'endsAt', 'timeZone', 'format', 'city', 'language', 'capacity', 'status']) {
      const response = await t.http.patch(`/api/seminars/${seminar.id}`).set(bearer(organizer)).send({ [field]: null });
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
    }
    expect((await t.http.get(`/api/seminars/${seminar.id}`)).body).toEqual(before);

    const cleared = await t.http.patch(`/api/seminars/${seminar.id}`).set(bearer(organizer)).send({ description: null, venue: null, onlineUrl: null, registrationClosesAt: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ description: '', venue: null, onlineUrl: null, title: before.title, startsAt: before.startsAt });
    // No date of 1970: sign-ups close when the seminar starts again.
    expect(cleared.body.registrationClosesAt).toBe(before.startsAt);
    expect((await t.http.get(`/api/seminars/${seminar.id}`)).body).toEqual(cleared.body);
  });

  it('desks and the company profile: null clears what may be cleared and is refused elsewhere', async () => {
    const seminar = await createSeminar(t);
    const startsAt = seminar.startsAt as string;
    const endsAt = new Date(new Date(startsAt).getTime() + 3_600_000).toISOString();
    const created = await t.http.post(`/api/seminars/${seminar.id}/desks`).set(bearer(organizer)).send({ agency: 'UNDP', table: 'Table 7', officerName: 'A. Officer', startsAt, endsAt, slotMinutes: 15, unspscSegments: ['46'] });
    expect(created.status).toBe(201);
    const desk = `/api/seminars/${seminar.id}/desks/${created.body.id}`;
    for (const field of ['agency', 'startsAt', 'endsAt', 'slotMinutes', 'unspscSegments']) {
      const response = await t.http.patch(desk).set(bearer(organizer)).send({ [field]: null });
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
    }
    const cleared = await t.http.patch(desk).set(bearer(organizer)).send({ table: null, officerName: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ agency: 'UNDP', table: 'UNDP', officerName: null, unspscSegments: ['46'], slots: created.body.slots.map((slot: { id: string }) => expect.objectContaining({ id: slot.id })) });

    const person = await signUp(t, seminar.id as string);
    const token = t.app.get(RegistrationsService).manageTokenFor(person.id);
    const company = `/api/registrations/${token}/company`;
    expect((await t.http.patch(company).send({ unspscCodes: ['43211503'], ungmNumber: '12345' })).status).toBe(200);
    const refused = await t.http.patch(company).send({ unspscCodes: null });
    expect(refused.status).toBe(400);
    expect(messages(refused.body).join(' ')).toContain('unspscCodes');
    const profile = await t.http.patch(company).send({ ungmNumber: null });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ unspscCodes: ['43211503'], ungmNumber: null });
  });

  it('sign-up: null optional fields mean "not given"', async () => {
    const seminar = await createSeminar(t, seminarInput({ language: 'kk' }));
    const response = await t.http.post(`/api/seminars/${seminar.id}/registrations`).send({
      fullName: 'Айгерім Сейітқызы',
      email: `null-${Date.now()}@example.kz`,
      phone: null,
      position: null,
      language: null,
      consent: true,
      company: { name: 'Null Test LLP', bin: '130400000208' },
    });
    expect(response.status).toBe(201);
    const token = t.app.get(RegistrationsService).manageTokenFor(response.body.id);
    expect((await t.http.get(`/api/registrations/${token}`)).body).toMatchObject({ phone: null, position: null, language: 'kk' });
  });
});
