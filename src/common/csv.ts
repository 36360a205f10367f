/**
 * CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Cyrillic and Kazakh letters), CRLF lines,
 * every cell quoted, and cells that a spreadsheet would run as a formula defused with a quote.
 */
const FORMULA_START = /^[=+\-@\t\r|]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
