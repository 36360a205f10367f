import ExcelJS from 'exceljs';
import type { Language } from '../i18n/i18n.js';
import { utcToZonedInput } from './zoned-time.js';

/**
 * Downloads that open as they should in Excel set to Russian or Kazakh: XLSX with typed cells.
 *
 * Why not a CSV for those: Excel in the ru and kk locales splits a CSV on `;`, and a `sep=;` first
 * line that would fix that makes Excel ignore the UTF-8 byte-order mark, so Cyrillic arrives garbled;
 * cp1251 has no ә, ғ, қ, ң, ө, ұ, ү, һ, і. And a CSV cell "+7 701 …" must be defused with a leading
 * apostrophe (it could be a formula), which Excel then shows. In XLSX a text cell is text: phone
 * numbers and BINs keep their `+` and leading zeros, and nothing in a cell is ever run as a formula.
 * The contract's CSV routes stay exactly as they are; these files sit beside them.
 */
export type CellKind = 'text' | 'integer' | 'decimal' | 'percent' | 'dateTime';

export interface SheetColumn {
  /** the header, in the console's language */
  header: string;
  kind: CellKind;
  /** in characters; a guess from the header when left out */
  width?: number;
}

/** A cell's value: `dateTime` cells take an instant, written as the wall clock of `timeZone`. */
export type SheetCell = string | number | Date | null | undefined;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FORMATS: Record<CellKind, string | undefined> = { text: '@', integer: '0', decimal: '0.00', percent: '0%', dateTime: 'dd.mm.yyyy hh:mm' };

/** One sheet: a bold, frozen header row with filters, then the rows. */
export async function xlsxFile(sheetName: string, columns: SheetColumn[], rows: SheetCell[][], timeZone: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(0);
  // Sheet names: at most 31 characters, none of []:*?/\
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width ?? Math.min(40, Math.max(10, column.header.length + 2)), style: { numFmt: FORMATS[column.kind] } }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(row.map((value, index) => cellValue(value, columns[index]?.kind ?? 'text', timeZone)));
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellValue(value: SheetCell, kind: CellKind, timeZone: string): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (kind === 'dateTime') {
    const instant = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(instant.getTime())) return String(value);
    // Excel dates have no zone: write the local wall clock, and let the header name the zone.
    return new Date(`${utcToZonedInput(instant, timeZone)}:00.000Z`);
  }
  if (kind === 'integer' || kind === 'decimal' || kind === 'percent') return typeof value === 'number' ? value : Number(value);
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * A column of a download offered both as the contract's CSV and as XLSX. The CSV names it by `key`
 * (its header); the XLSX types its cells by `kind`, names it in the console's language, and may show
 * a code in that language (`label`: "booked" -> "Назначена").
 */
export interface DownloadColumn {
  key: string;
  kind: CellKind;
  width?: number;
  label?: (value: unknown, lang: Language) => SheetCell;
}

/** The CSV's header: the columns' keys, in order. */
export const csvHeader = (columns: readonly DownloadColumn[]): string[] => columns.map((column) => column.key);

/**
 * The XLSX of the very rows the CSV is written from (one row-building function for both): headers
 * from `header(key)`, codes through each column's `label`.
 */
export function xlsxOfRows(
  sheetName: string,
  columns: readonly DownloadColumn[],
  header: (key: string) => string,
  rows: readonly unknown[][],
  lang: Language,
  timeZone: string,
): Promise<Buffer> {
  return xlsxFile(
    sheetName,
    columns.map((column) => ({ header: header(column.key), kind: column.kind, width: column.width })),
    rows.map((row) => row.map((value, index) => (columns[index]?.label ? columns[index].label!(value, lang) : (value as SheetCell)))),
    timeZone,
  );
}
