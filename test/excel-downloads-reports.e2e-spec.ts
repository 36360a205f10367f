import ExcelJS from 'exceljs';
import { RegistrationsService } from '../src/registrations/registrations.service.js';
import { Seminar } from '../src/seminars/seminar.entity.js';
import { consoleAs } from './support/console-session.js';
import { createSeminar, signUp, validBin } from './support/factories.js';
import { bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';
import { binary, rowValues, sheetOf } from './support/xlsx.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A BIN with leading zeros (a valid one): a number cell would lose them. */
const ZERO_BIN = '000740001307';
/** Data lines of a CSV (header left out). */
const csvRows = (text: string) => text.split('\r\n').filter(Boolean).length - 1;

/**
 * The meetings report by agency, a seminar's meetings list and the UNGM outcome report as XLSX
 * beside their CSVs: the same rows, headers in the console's language, times on the local wall
 * clock named in the header, BINs as text; organizers only, as the CSVs. The app's default zone is
 * Moscow here (UTC+3) so the UNGM report's clock (default zone) differs from a seminar's (Almaty, UTC+5).
 */
describe('Excel downloads: meetings and UNGM outcomes', () => {
  let t: TestApp;
  let organizer: Awaited<ReturnType<typeof consoleAs>>;
  let door: Awaited<ReturnType<typeof consoleAs>>;
  let meetingsSeminar: { id: string; startsAt: string };
  let ungmSeminarId: string;
  const tokenOf = (id: string) => t.app.get(RegistrationsService).manageTokenFor(id);
  const get = (browser: typeof organizer.browser, path: string) => browser.get(path).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await startTestApp({ DEFAULT_TIMEZONE: 'Europe/Moscow' });
    organizer = await consoleAs(t, 'organizer');
    door = await consoleAs(t, 'checkin');

    // Meetings: two desks, three meetings (one held, one cancelled).
    meetingsSeminar = (await createSeminar(t, { title: 'Meetings day', timeZone: 'Asia/Almaty' })) as never;
    const at = (minutes: number) => new Date(new Date(meetingsSeminar.startsAt).getTime() + minutes * 60_000).toISOString();
    const desk = async (agency: string) =>
      (await t.http.post(`/api/seminars/${meetingsSeminar.id}/desks`).set(bearer(organizer.token)).send({ agency, startsAt: at(60), endsAt: at(120), slotMinutes: 20 }).expect(201)).body as { id: string; slots: Array<{ id: string }> };
    const undp = await desk('UNDP');
    const wfp = await desk('WFP');
    const zero = await signUp(t, meetingsSeminar.id, { fullName: 'Әсел Қуанышқызы', company: { name: 'ТОО «Сапа Құрылыс»', bin: ZERO_BIN } });
    const other = await signUp(t, meetingsSeminar.id, { company: { name: 'Tengri Trading', bin: validBin() } });
    const book = async (registrationId: string, slotId: string) => (await t.http.post(`/api/registrations/${tokenOf(registrationId)}/meetings`).send({ slotId }).expect(201)).body as { id: string };
    const held = await book(zero.id, undp.slots[0].id);
    await book(other.id, undp.slots[1].id);
    const cancelled = await book(other.id, wfp.slots[0].id);
    await t.http.post(`/api/seminars/${meetingsSeminar.id}/meetings/${held.id}/held`).set(bearer(organizer.token)).expect(200);
    await t.http.post(`/api/registrations/${tokenOf(other.id)}/meetings/${cancelled.id}/cancel`).expect(200);

    // UNGM: one seminar in the past, two companies checked in and answering (ratings 4 and 5).
    ungmSeminarId = (await createSeminar(t, { title: 'UNGM day', city: 'Almaty' })).id;
    const answers: Array<{ id: string; rating: number }> = [];
    for (const [bin, rating] of [[ZERO_BIN, 4], [validBin(), 5]] as const) {
      const person = await signUp(t, ungmSeminarId, { company: { name: `Company ${bin}`, bin } });
      await t.http.post(`/api/seminars/${ungmSeminarId}/check-ins`).set(bearer(t.adminToken)).send({ registrationId: person.id }).expect(200);
      answers.push({ id: person.id, rating });
    }
    const startsAt = new Date('2026-03-10T05:00:00.000Z');
    await writeDirectly(t, (manager) => manager.update(Seminar, { id: ungmSeminarId }, { startsAt, endsAt: new Date(startsAt.getTime() + 4 * 3_600_000), registrationClosesAt: null }));
    for (const { id, rating } of answers) await t.http.post(`/api/registrations/${tokenOf(id)}/follow-up`).send({ ungmStage: 'registered', bidsSubmitted: 1, rating }).expect(201);
  });
  afterAll(async () => t?.close());

  it('meetings report by agency: same rows as the CSV, headers in kk and en, the BIN as text', async () => {
    const base = `/admin/seminars/${meetingsSeminar.id}/meetings`;
    const page = await organizer.browser.get(`${base}/report?lang=kk`).expect(200);
    expect(page.text).toContain(`href="${base}/report.xlsx"`);
    expect(page.text).toContain(`href="${base}.xlsx"`);
    expect(page.text).toContain('Excel үшін жүктеу (XLSX)');

    const csv = await organizer.browser.get(`${base}/report.csv`).expect(200);
    expect(csv.text.startsWith('\uFEFF"agency","desks","booked","held","noShows","companiesMet"\r\n')).toBe(true);
    expect(csv.text).toContain(`"UNDP","1","2","1","0","ТОО «Сапа Құрылыс» (${ZERO_BIN})"`);
    // The console's CSV is the API's, byte for byte.
    const api = await t.http.get(`/api/seminars/${meetingsSeminar.id}/meetings/report`).set(bearer(organizer.token)).set('Accept', 'text/csv').expect(200);
    expect(csv.text).toBe(api.text);

    const file = await get(organizer.browser, `${base}/report.xlsx?lang=kk`).expect(200);
    expect(file.headers['content-type']).toBe(XLSX);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="meetings-by-agency-${meetingsSeminar.id}.xlsx"`);
    const sheet = await sheetOf(file.body as Buffer);
    expect(sheet.name).toBe('Агенттіктер бойынша кездесулер');
    expect(rowValues(sheet, 1)).toEqual(['Агенттік', 'Үстелдер', 'Белгіленді', 'Өтті', 'Келмегендер', 'Кездескен компаниялар']);
    expect(sheet.rowCount - 1).toBe(csvRows(csv.text));
    expect(rowValues(sheet, 2)).toEqual(['UNDP', 1, 2, 1, 0, `ТОО «Сапа Құрылыс» (${ZERO_BIN})`]);
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('F2').type).toBe(ExcelJS.ValueType.String);
    expect(rowValues(sheet, 3).slice(0, 3)).toEqual(['WFP', 1, 0]);

    const english = await sheetOf((await get(organizer.browser, `${base}/report.xlsx?lang=en`).expect(200)).body as Buffer);
    expect(rowValues(english, 1)).toEqual(['Agency', 'Desks', 'Booked', 'Held', 'No-shows', 'Companies met']);
  });

  it('meetings list: same rows as the CSV, times on the seminar wall clock with the zone in the header, BIN as text', async () => {
    const base = `/admin/seminars/${meetingsSeminar.id}/meetings`;
    const csv = await organizer.browser.get(`${base}.csv`).expect(200);
    expect(csv.text.startsWith('\uFEFF"id","status","agency","table","startsAt","endsAt","heldAt","companyBin","companyName","fullName","registrationId","deskId","slotId"\r\n')).toBe(true);
    const api = await t.http.get(`/api/seminars/${meetingsSeminar.id}/meetings`).set(bearer(organizer.token)).set('Accept', 'text/csv').expect(200);
    expect(csv.text).toBe(api.text);
    const meetings = (await t.http.get(`/api/seminars/${meetingsSeminar.id}/meetings`).set(bearer(organizer.token)).expect(200)).body as Array<{ id: string; startsAt: string; company: { bin: string } }>;
    expect(meetings).toHaveLength(3);

    const file = await get(organizer.browser, `${base}.xlsx?lang=ru`).expect(200);
    expect(file.headers['content-type']).toBe(XLSX);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="meetings-${meetingsSeminar.id}.xlsx"`);
    const sheet = await sheetOf(file.body as Buffer);
    expect(sheet.name).toBe('Встречи');
    const header = rowValues(sheet, 1);
    expect(header.slice(0, 4)).toEqual(['ID встречи', 'Статус', 'Агентство', 'Стол']);
    expect(header[4]).toBe('Начало, время Алматы (UTC+5)');
    expect(header[7]).toBe('БИН');
    expect(sheet.rowCount - 1).toBe(csvRows(csv.text));
    expect(sheet.rowCount - 1).toBe(meetings.length);

    const first = rowValues(sheet, 2);
    expect(first[0]).toBe(meetings[0].id);
    expect(first[1]).toBe('Назначена');
    expect(first[7]).toBe(ZERO_BIN);
    expect(sheet.getCell('H2').type).toBe(ExcelJS.ValueType.String);
    // The seminar starts at 05:00 UTC; the first slot an hour later: 11:00 on Almaty's clock.
    expect(sheet.getCell('E2').type).toBe(ExcelJS.ValueType.Date);
    expect((first[4] as Date).toISOString()).toBe(new Date(new Date(meetings[0].startsAt).getTime() + 5 * 3_600_000).toISOString());
    expect((first[4] as Date).toISOString().slice(11, 16)).toBe('11:00');
    expect(sheet.getCell('G2').type).toBe(ExcelJS.ValueType.Date); // held
    expect(rowValues(sheet, 4)[1]).toBe('Отменена');

    const kazakh = await sheetOf((await get(organizer.browser, `${base}.xlsx?lang=kk`).expect(200)).body as Buffer);
    expect(rowValues(kazakh, 1).slice(4, 8)).toEqual(['Басталуы, Алматы уақыты (UTC+5)', 'Аяқталуы, Алматы уақыты (UTC+5)', 'Өткен уақыты, Алматы уақыты (UTC+5)', 'БСН']);
  });

  it('UNGM outcomes: same rows as the CSV and the same filters, headers in en and ru, the seminar start on the default zone clock', async () => {
    const page = await organizer.browser.get('/admin/reports/ungm?lang=en&city=Almaty').expect(200);
    expect(page.text).toContain('href="/admin/reports/ungm-outcomes.xlsx?city&#x3D;Almaty"'); // Handlebars escapes the =
    expect(page.text).toContain('Download for Excel (XLSX)');

    const csv = await organizer.browser.get('/admin/reports/ungm-outcomes.csv').expect(200);
    expect(csv.text.startsWith('\uFEFF"seminarId","title","startsAt","attendedCompanies"')).toBe(true);
    const file = await get(organizer.browser, '/admin/reports/ungm-outcomes.xlsx?lang=en').expect(200);
    expect(file.headers['content-type']).toBe(XLSX);
    expect(file.headers['content-disposition']).toBe('attachment; filename="ungm-outcomes.xlsx"');
    const sheet = await sheetOf(file.body as Buffer);
    expect(sheet.name).toBe('UNGM outcomes');
    expect(rowValues(sheet, 1)).toEqual([
      'Seminar ID',
      'Seminar',
      'Seminar start, Moscow time (UTC+3)',
      'Companies attended',
      'Answered',
      'Not on UNGM yet',
      'UNGM account created',
      'Basic registration submitted',
      'Registered with at least one UN agency',
      'Level 1 registration',
      'Level 2 registration',
      'Registered with a UN agency or better',
      'Conversion',
      'Bids submitted',
      'Contracts won',
      'Average rating',
    ]);
    expect(sheet.rowCount - 1).toBe(csvRows(csv.text));
    const row = rowValues(sheet, 2);
    expect(row.slice(0, 2)).toEqual([ungmSeminarId, 'UNGM day']);
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    // 05:00 UTC is 08:00 in Moscow, the app's default zone (the seminar itself is in Almaty).
    expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Date);
    expect((row[2] as Date).toISOString()).toBe('2026-03-10T08:00:00.000Z');
    expect(row.slice(3, 5)).toEqual([2, 2]);
    expect(row[12]).toBe(1);
    expect(sheet.getColumn(13).numFmt).toBe('0%');
    expect(row[15]).toBe(4.5);
    expect(sheet.getColumn(16).numFmt).toBe('0.00');
    expect(rowValues(sheet, 3)[0]).toBe('Total');

    const russian = await sheetOf((await get(organizer.browser, '/admin/reports/ungm-outcomes.xlsx?lang=ru').expect(200)).body as Buffer);
    expect(rowValues(russian, 1).slice(0, 3)).toEqual(['ID семинара', 'Семинар', 'Начало семинара, время Москвы (UTC+3)']);
    expect(rowValues(russian, 3)[0]).toBe('Итого');

    // The CSV's filters: a city with no seminar leaves the total row only, in both.
    const none = await organizer.browser.get('/admin/reports/ungm-outcomes.csv?city=Astana').expect(200);
    const noneSheet = await sheetOf((await get(organizer.browser, '/admin/reports/ungm-outcomes.xlsx?city=Astana').expect(200)).body as Buffer);
    expect(csvRows(none.text)).toBe(1);
    expect(noneSheet.rowCount - 1).toBe(1);
    const march = await sheetOf((await get(organizer.browser, '/admin/reports/ungm-outcomes.xlsx?from=2026-03-01&to=2026-03-31').expect(200)).body as Buffer);
    expect(rowValues(march, 2)[0]).toBe(ungmSeminarId);
  });

  it('only those who may download the CSV may download the XLSX', async () => {
    const paths = [`/admin/seminars/${meetingsSeminar.id}/meetings/report`, `/admin/seminars/${meetingsSeminar.id}/meetings`, '/admin/reports/ungm-outcomes'];
    for (const path of paths) {
      await door.browser.get(`${path}.csv`).set('Accept', 'text/html').expect(403);
      await door.browser.get(`${path}.xlsx`).set('Accept', 'text/html').expect(403);
      await t.http.get(`${path}.csv`).set('Accept', 'text/html').expect(303);
      await t.http.get(`${path}.xlsx`).set('Accept', 'text/html').expect(303);
    }
  });

  it('bad input gets the same 4xx as the CSV, naming what is wrong, never a 5xx', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of ['not-an-id', unknown]) {
      for (const path of [`/admin/seminars/${id}/meetings/report`, `/admin/seminars/${id}/meetings`]) {
        const csv = await organizer.browser.get(`${path}.csv`).set('Accept', 'application/json');
        const xlsx = await organizer.browser.get(`${path}.xlsx`).set('Accept', 'application/json');
        expect(xlsx.status).toBe(404);
        expect(xlsx.status).toBe(csv.status);
        expect(JSON.stringify(xlsx.body)).toMatch(/seminar/);
      }
    }
    const xlsx = await organizer.browser.get('/admin/reports/ungm-outcomes.xlsx?from=yesterday').set('Accept', 'application/json');
    const csv = await organizer.browser.get('/admin/reports/ungm-outcomes.csv?from=yesterday').set('Accept', 'application/json');
    expect(xlsx.status).toBe(400);
    expect(xlsx.status).toBe(csv.status);
    expect(JSON.stringify(xlsx.body)).toMatch(/from/);
  });
});
