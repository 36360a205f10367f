import ExcelJS from 'exceljs';
import { Registration } from '../src/registrations/registration.entity.js';
import { createSeminar, signUp } from './support/factories.js';
import { consoleAs } from './support/console-session.js';
import { bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';
import { binary, rowValues, sheetOf } from './support/xlsx.js';

/**
 * CSV that opens in ru/kk Excel: an XLSX download beside each console CSV, with headers in the
 * console's language, times on the seminar's wall clock and phone numbers as text cells (no
 * apostrophe). The contract's CSV routes do not change.
 */
describe('Excel downloads in the console', () => {
  let t: TestApp;
  let organizer: Awaited<ReturnType<typeof consoleAs>>;
  let seminarId: string;
  let registrationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    organizer = await consoleAs(t, 'organizer');
    seminarId = (await createSeminar(t, { city: 'Алматы', timeZone: 'Asia/Almaty' })).id;
    registrationId = (
      await signUp(t, seminarId, { fullName: 'Әсел Қуанышқызы', phone: '+7 701 123 45 67', language: 'kk', company: { name: '=ТОО «Сапа Құрылыс»', bin: '000740001307', city: 'Алматы', sector: 'ИТ и связь' } })
    ).id;
    // Signed up at 09:15 UTC: 14:15 in Almaty (UTC+5).
    await writeDirectly(t, (manager) => manager.update(Registration, { id: registrationId }, { createdAt: new Date('2026-11-20T09:15:00.000Z') }));
  });
  afterAll(async () => t?.close());

  it('gives the registrations as XLSX: Kazakh headers with the zone, text cells for phone and BIN, the local time as a date', async () => {
    const page = await organizer.browser.get(`/admin/seminars/${seminarId}/registrations?lang=kk`).expect(200);
    expect(page.text).toContain(`href="/admin/seminars/${seminarId}/registrations/export.xlsx"`);
    expect(page.text).toContain('Excel үшін жүктеу (XLSX)');

    const file = await organizer.browser.get(`/admin/seminars/${seminarId}/registrations/export.xlsx`).buffer(true).parse(binary).expect(200);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="registrations-${seminarId}.xlsx"`);
    const sheet = await sheetOf(file.body as Buffer);
    expect(sheet.name).toBe('Тіркеулер');
    const header = rowValues(sheet, 1);
    expect(header.slice(0, 4)).toEqual(['Күйі', 'Аты-жөні', 'Эл. пошта', 'Телефон']);
    expect(header[11]).toBe('Тіркелген уақыты, Алматы уақыты (UTC+5)');
    const row = rowValues(sheet, 2);
    expect(row.slice(0, 4)).toEqual(['Расталған', 'Әсел Қуанышқызы', expect.stringMatching(/@example\.org$/), '+7 701 123 45 67']);
    expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.String);
    expect(row[5]).toBe('Қазақша');
    // Text is text: no defusing apostrophe, and the BIN keeps its leading zeros.
    expect(row[6]).toBe('=ТОО «Сапа Құрылыс»');
    expect(sheet.getCell('G2').type).toBe(ExcelJS.ValueType.String);
    expect(row[7]).toBe('000740001307');
    expect(sheet.getCell('L2').type).toBe(ExcelJS.ValueType.Date);
    expect((row[11] as Date).toISOString()).toBe('2026-11-20T14:15:00.000Z');
    expect(sheet.getCell('L2').numFmt).toBe('dd.mm.yyyy hh:mm');

    const russian = await sheetOf((await organizer.browser.get(`/admin/seminars/${seminarId}/registrations/export.xlsx?lang=ru&status=cancelled`).buffer(true).parse(binary).expect(200)).body as Buffer);
    expect(rowValues(russian, 1)[1]).toBe('ФИО');
    expect(russian.rowCount).toBe(1);
  });

  it('gives the attendance report as XLSX with numbers and a percentage, headers in English', async () => {
    const file = await organizer.browser.get('/admin/reports/attendance-by-company.xlsx?lang=en').buffer(true).parse(binary).expect(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="attendance-by-company_\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const sheet = await sheetOf(file.body as Buffer);
    expect(rowValues(sheet, 1)).toEqual(['Company', 'BIN', 'Registered', 'Attended', 'No-shows', 'Cancelled', 'Attendance rate', 'Seminars', 'Waitlisted', 'Meetings booked', 'Meetings held', 'UNGM stage']);
    expect(rowValues(sheet, 2).slice(0, 4)).toEqual(['=ТОО «Сапа Құрылыс»', '000740001307', 1, 0]);
    expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getColumn(7).numFmt).toBe('0%');
    const page = await organizer.browser.get('/admin/reports?lang=en').expect(200);
    expect(page.text).toContain('href="/admin/reports/attendance-by-company.xlsx?"');
  });

  it('leaves the contract CSV routes exactly as they were', async () => {
    const csv = await t.http.get(`/api/seminars/${seminarId}/registrations`).set(bearer(t.adminToken)).set('Accept', 'text/csv').expect(200);
    expect(csv.text.startsWith('\uFEFF"id","status","fullName","email","phone"')).toBe(true);
    expect(csv.text).toContain(`"'+7 701 123 45 67"`);
    const consoleCsv = await organizer.browser.get(`/admin/seminars/${seminarId}/registrations/export.csv`).expect(200);
    expect(consoleCsv.text).toBe(csv.text);
    const report = await t.http.get('/api/reports/attendance-by-company').set(bearer(t.adminToken)).set('Accept', 'text/csv').expect(200);
    expect(report.text.startsWith('\uFEFF"bin","company","registered"')).toBe(true);
  });

  it('needs an organizer', async () => {
    const door = await consoleAs(t, 'checkin');
    await door.browser.get(`/admin/seminars/${seminarId}/registrations/export.xlsx`).set('Accept', 'text/html').expect(403);
    await door.browser.get('/admin/reports/attendance-by-company.xlsx').set('Accept', 'text/html').expect(403);
    await t.http.get('/admin/reports/attendance-by-company.xlsx').set('Accept', 'text/html').expect(303);
  });
});
