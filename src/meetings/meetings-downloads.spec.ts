import ExcelJS from 'exceljs';
import { LANGUAGES } from '../i18n/language.js';
import { byAgencyCsv, byAgencyXlsx, meetingsCsv, meetingsXlsx } from './meetings-downloads.js';

async function xlsxHeader(body: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return (workbook.worksheets[0].getRow(1).values as string[]).slice(1);
}

describe('the meetings XLSX downloads', () => {
  const seminar = { startsAt: new Date('2026-12-10T05:00:00.000Z'), timeZone: 'Asia/Almaty' };

  it.each(LANGUAGES)('name every column in %s, one for each of the CSV', async (lang) => {
    const pairs: Array<[string[], string]> = [
      [await xlsxHeader(await byAgencyXlsx([], lang, seminar.timeZone)), byAgencyCsv([])],
      [await xlsxHeader(await meetingsXlsx([], seminar, lang)), meetingsCsv([])],
    ];
    for (const [header, csv] of pairs) {
      expect(header).toHaveLength(csv.split('\r\n')[0].split(',').length);
      // a missing text shows as its key ("spreadsheets.meetings.id") or keeps a placeholder
      for (const text of header) expect(text).not.toMatch(/^[a-z]+\.[\w.]+$|\{/);
    }
  });
});
