import ExcelJS from 'exceljs';
import { toCsv } from '../common/csv.js';
import { LANGUAGES } from '../i18n/language.js';
import { emptyStages, outcomeCsvRows, outcomeXlsx, type OutcomeReport } from './outcome-report.service.js';

describe('the UNGM outcome XLSX', () => {
  const report: OutcomeReport = {
    totals: { attendedCompanies: 0, respondedCompanies: 0, stages: emptyStages(), registeredOrBetter: 0, conversionRate: null, bidsSubmitted: 0, contractsWon: 0, averageRating: null },
    seminars: [],
  };

  it.each(LANGUAGES)('names every column in %s, one for each of the CSV, and has its rows', async (lang) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await outcomeXlsx(report, lang, 'Asia/Almaty')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const { header: csvHeader, rows } = outcomeCsvRows(report);
    expect(header).toHaveLength(csvHeader.length);
    for (const text of header) expect(text).not.toMatch(/^[a-z]+\.[\w.]+$|\{/);
    expect(sheet.rowCount - 1).toBe(rows.length);
    // the CSV's header is the contract's
    expect(toCsv(csvHeader, []).split('\r\n')[0]).toBe(
      '\uFEFF"seminarId","title","startsAt","attendedCompanies","respondedCompanies","none","account","basic","registered","level1","level2","registeredOrBetter","conversionRate","bidsSubmitted","contractsWon","averageRating"',
    );
  });
});
