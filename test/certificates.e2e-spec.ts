import { PDFParse } from 'pdf-parse';
import { DataSource } from 'typeorm';
import { Certificate } from '../src/certificates/certificate.entity.js';
import { FollowUpAnswer } from '../src/outcomes/follow-up-answer.entity.js';
import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { Seminar } from '../src/seminars/seminar.entity.js';
import { createSeminar, signUpBody, validBin } from './support/factories.js';
import { bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';

const KAZAKH_NAME = 'Әсел Қуанышқызы Ұлықбекова';
const COMPANY = 'Ғарыш Өнеркәсіп ЖШС';

async function pdfText(buffer: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    // Lines wrap where the page is full; compare words, not line breaks.
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

describe('certificates of attendance', () => {
  let t: TestApp;
  let seminarId: string;
  const people: Record<'asel' | 'absent' | 'english', { id: string; token: string }> = {} as never;

  beforeAll(async () => {
    t = await startTestApp({ ORGANIZER_NAME: 'UNDP Kazakhstan procurement outreach', PUBLIC_URL: 'https://seminars.example.kz' });
    const seminar = await createSeminar(t, { title: 'БҰҰ-ға жеткізу: бітімгершілік сатып алулары', city: 'Шымкент', language: 'kk' });
    seminarId = seminar.id;
    const bin = validBin();
    const add = async (key: keyof typeof people, fullName: string, language: string, checkIn: boolean) => {
      const response = await t.http.post(`/api/seminars/${seminar.id}/registrations`).send(signUpBody({ fullName, language, company: { name: COMPANY, bin } })).expect(201);
      if (checkIn) await t.http.post(`/api/seminars/${seminar.id}/check-ins`).set(bearer(t.adminToken)).send({ registrationId: response.body.id }).expect(200);
      people[key] = { id: response.body.id, token: t.app.get(RegistrationsService).manageTokenFor(response.body.id) };
    };
    await add('asel', KAZAKH_NAME, 'kk', true);
    await add('absent', 'Not Checked In', 'ru', false);
    await add('english', 'Jane Smith', 'en', true);
  });

  afterAll(() => t?.close());

  const certificate = (token: string) => t.http.get(`/api/registrations/${token}/certificate.pdf`).responseType('blob'); // body: the bytes, a Buffer, whatever the type

  async function endSeminar() {
    // 10:00-13:30 in Almaty (UTC+5) three days ago: 3.5 hours.
    const startsAt = new Date(Date.now() - 3 * 86_400_000);
    startsAt.setUTCHours(5, 0, 0, 0);
    await writeDirectly(t, (manager) => manager.update(Seminar, { id: seminarId }, { startsAt, endsAt: new Date(startsAt.getTime() + 3.5 * 3_600_000), registrationClosesAt: null }));
  }

  it('409 before the seminar has ended, even when checked in', async () => {
    const response = await certificate(people.asel.token).expect(409);
    expect(JSON.parse((response.body as Buffer).toString('utf8')).message).toMatch(/registration: a certificate exists only for someone checked in/);
  });

  it('after the seminar: 200 application/pdf in the registrant language, with the Kazakh name exactly', async () => {
    await endSeminar();
    const response = await certificate(people.asel.token).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(response.body as Buffer);
    expect(text).toContain(KAZAKH_NAME);
    expect(text).toContain(COMPANY);
    expect(text).toContain('Қатысушы сертификаты');
    expect(text).toContain('БҰҰ-ға жеткізу: бітімгершілік сатып алулары');
    expect(text).toContain('Шымкент');
    expect(text).toMatch(/3,5 сағ/);
    expect(text).toContain('UNDP Kazakhstan procurement outreach');
    expect(text).toMatch(/алдын ала біліктілік/); // not pre-qualification
    const code = /Тексеру коды: ([A-Z2-9]{10})/.exec(text)?.[1];
    expect(code).toBeDefined();
    expect(text).toContain(`https://seminars.example.kz/certificates/${code}`);
    const stored = await t.app.get(DataSource).getRepository(Certificate).findOneByOrFail({ registrationId: people.asel.id });
    expect(stored).toMatchObject({ code, language: 'kk' });

    // The same certificate (the same code) every time.
    const again = await pdfText((await certificate(people.asel.token).expect(200)).body as Buffer);
    expect(again).toContain(`Тексеру коды: ${code}`);
  });

  it('in English for an English registrant, saying it certifies attendance only', async () => {
    const text = await pdfText((await certificate(people.english.token).expect(200)).body as Buffer);
    expect(text).toContain('Certificate of attendance');
    expect(text).toContain('Jane Smith');
    expect(text).toMatch(/3\.5 h/);
    expect(text).toMatch(/not a registration with the United Nations or on UNGM, and not a pre-qualification/);
  });

  it('409 for someone who was not checked in', async () => {
    const response = await certificate(people.absent.token).expect(409);
    expect(JSON.parse((response.body as Buffer).toString('utf8'))).toMatchObject({ statusCode: 409, message: expect.stringMatching(/^registration:/) });
  });

  it('404 for an unknown token', async () => {
    await certificate('x'.repeat(43)).expect(404);
  });

  it('the verification page shows the certificate; an unknown code is 404', async () => {
    const { code } = await t.app.get(DataSource).getRepository(Certificate).findOneByOrFail({ registrationId: people.asel.id });
    const page = await t.http.get(`/certificates/${code}?lang=kk`).expect(200);
    expect(page.text).toContain(KAZAKH_NAME);
    expect(page.text).toContain(COMPANY);
    expect(page.text).toContain('Шымкент');
    expect(page.text).toContain('түпнұсқа');
    await t.http.get(`/certificates/${code.toLowerCase()}`).expect(200);
    await t.http.get('/certificates/ABCDEFGHJK').expect(404);
    await t.http.get('/certificates/not-a-code').expect(404);
  });

  it('erasing the registrant stops the certificate verifying and erases the personal parts of answers, keeping the answer', async () => {
    await t.http.post(`/api/registrations/${people.asel.token}/follow-up`).send({ ungmStage: 'basic', rating: 4, comment: 'Менің ойым' }).expect(201);
    const { code } = await t.app.get(DataSource).getRepository(Certificate).findOneByOrFail({ registrationId: people.asel.id });
    const erase = await t.http.post(`/api/registrations/${people.asel.id}/erase`).set(bearer(t.adminToken));
    expect([200, 201]).toContain(erase.status);
    await t.http.get(`/certificates/${code}`).expect(404);
    const answers = await t.app.get(DataSource).getRepository(FollowUpAnswer).find({ where: { ungmStage: 'basic' } });
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ registrationId: null, comment: null, rating: 4, ungmStage: 'basic' });
  });
});
