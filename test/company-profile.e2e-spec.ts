import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { createSeminar, signUpBody, validBin } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('company profile: UNSPSC codes and UNGM number', () => {
  let t: TestApp;

  /** Each test gets a company of its own (a fresh BIN) with two registrations spelling its name differently. */
  async function companyWithTwoRegistrations() {
    const bin = validBin();
    const seminar = await createSeminar(t);
    const first = await t.http.post(`/api/seminars/${seminar.id}/registrations`).send(signUpBody({ company: { name: 'Steppe Armour LLP', bin } })).expect(201);
    const second = await t.http.post(`/api/seminars/${seminar.id}/registrations`).send(signUpBody({ company: { name: 'Steppe Armour', bin } })).expect(201);
    const registrations = t.app.get(RegistrationsService);
    return { bin, token: registrations.manageTokenFor(first.body.id), otherToken: registrations.manageTokenFor(second.body.id) };
  }

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t?.close());

  it('lists the UNSPSC segments with names in ru, kk and en', async () => {
    const response = await t.http.get('/api/unspsc/segments').expect(200);
    expect(response.body).toHaveLength(57);
    expect(response.body[0]).toEqual({ code: '10', title: expect.objectContaining({ en: expect.stringMatching(/^Live Plant/) }) });
    const defence = response.body.find((segment: { code: string }) => segment.code === '46');
    expect(defence.title.kk).toMatch(/Қорғаныс/);
    expect(defence.title.ru).toMatch(/Оборонное/);
    expect(response.body.at(-1).code).toBe('95');
    for (const segment of response.body) expect(segment.code).toMatch(/^\d\d$/);
  });

  it('a new company has no codes and no UNGM number', async () => {
    const { bin, token } = await companyWithTwoRegistrations();
    const response = await t.http.get(`/api/registrations/${token}`).expect(200);
    expect(response.body.company).toMatchObject({ bin, unspscCodes: [], ungmNumber: null });
  });

  it('saves codes and the UNGM number for the company, seen through every registration of its BIN', async () => {
    const { bin, token, otherToken } = await companyWithTwoRegistrations();
    const response = await t.http.patch(`/api/registrations/${token}/company`).send({ unspscCodes: ['25101503', '4617 1610', '25101503'], ungmNumber: '654321' }).expect(200);
    expect(response.body).toMatchObject({ bin, name: 'Steppe Armour LLP', unspscCodes: ['25101503', '46171610'], ungmNumber: '654321' });
    const other = await t.http.get(`/api/registrations/${otherToken}`).expect(200);
    expect(other.body.company).toMatchObject({ unspscCodes: ['25101503', '46171610'], ungmNumber: '654321' });
  });

  it('changes only what is given; null clears the UNGM number', async () => {
    const { token, otherToken } = await companyWithTwoRegistrations();
    await t.http.patch(`/api/registrations/${token}/company`).send({ unspscCodes: ['25101503', '46171610'], ungmNumber: '654321' }).expect(200);
    await t.http.patch(`/api/registrations/${otherToken}/company`).send({ ungmNumber: null }).expect(200);
    const response = await t.http.patch(`/api/registrations/${token}/company`).send({}).expect(200);
    expect(response.body).toMatchObject({ unspscCodes: ['25101503', '46171610'], ungmNumber: null });
  });

  it.each([
    [{ unspscCodes: ['2510150'] }, /unspscCodes/],
    [{ unspscCodes: ['99101503'] }, /unspscCodes: "99101503"/],
    [{ unspscCodes: ['16101503'] }, /unspscCodes/],
    [{ unspscCodes: ['2510150a'] }, /unspscCodes/],
    [{ unspscCodes: '25101503' }, /unspscCodes/],
    [{ unspscCodes: [25101503, {}] }, /unspscCodes/],
    [{ unspscCodes: Array.from({ length: 51 }, (_, i) => String(43210000 + i)) }, /unspscCodes: at most 50/],
    [{ ungmNumber: 'UNGM-12' }, /ungmNumber/],
    [{ ungmNumber: '1'.repeat(21) }, /ungmNumber/],
    [{ bin: '000740001307' }, /bin/],
  ])('400 naming the field for %j', async (body, message) => {
    const { token } = await companyWithTwoRegistrations();
    const response = await t.http.patch(`/api/registrations/${token}/company`).send(body).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: expect.any(String) });
    expect([response.body.message].flat().join(" ")).toMatch(message);
  });

  it('keeps 50 codes', async () => {
    const { token } = await companyWithTwoRegistrations();
    const codes = Array.from({ length: 50 }, (_, i) => String(43210000 + i));
    const response = await t.http.patch(`/api/registrations/${token}/company`).send({ unspscCodes: codes }).expect(200);
    expect(response.body.unspscCodes).toEqual(codes);
  });

  it('404 for an unknown token', async () => {
    await t.http.patch(`/api/registrations/${'x'.repeat(43)}/company`).send({ ungmNumber: '1' }).expect(404);
  });

  it('the manage page shows each code with its segment name, and the picker works without JavaScript', async () => {
    const { token } = await companyWithTwoRegistrations();
    await t.http.patch(`/api/registrations/${token}/company`).send({ unspscCodes: ['46171610'], ungmNumber: '777' }).expect(200);
    const manage = await t.http.get(`/r/${token}?lang=kk`).expect(200);
    expect(manage.text).toContain('46171610');
    expect(manage.text).toContain('Қорғаныс, құқық қорғау');
    expect(manage.text).toContain(`/r/${token}/company`);

    const search = await t.http.get(`/r/${token}/company?lang=kk&q=${encodeURIComponent('тікұшақ')}`).expect(200);
    expect(search.text).toContain('Әуе кемелері');
    expect(search.text).toContain('value="25130000"');
    const cookie = ([] as string[]).concat(search.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(search.text)![1];
    const add = await t.http.post(`/r/${token}/company`).set('Cookie', cookie).type('form').send({ _csrf: csrf, action: 'add', code: '25130000', q: 'тікұшақ' }).expect(303);
    expect(add.headers.location).toContain(`/r/${token}/company?saved=1`);
    await t.http.post(`/r/${token}/company`).set('Cookie', cookie).type('form').send({ _csrf: csrf, action: 'remove', code: '46171610' }).expect(303);
    const bad = await t.http.post(`/r/${token}/company`).set('Cookie', cookie).type('form').send({ _csrf: csrf, action: 'add', code: '99000000' }).expect(400);
    expect(bad.text).toContain('notice-danger');
    await t.http.post(`/r/${token}/company`).set('Cookie', cookie).type('form').send({ _csrf: csrf, action: 'number', ungmNumber: '12 345' }).expect(303);
    const after = await t.http.get(`/api/registrations/${token}`).expect(200);
    expect(after.body.company).toMatchObject({ unspscCodes: ['25130000'], ungmNumber: '12345' });
  });
});
