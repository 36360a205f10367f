/**
 * CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Cyrillic and Kazakh letters), CRLF lines,
 * every cell quoted, and text that a spreadsheet would run as a formula defused with a quote.
 *
 * Defused wherever a formula could start, not only at the start of the cell: Excel in the ru and kk
 * locales splits a CSV on `;` (and some imports on `,` or tab), so `Acme;=HYPERLINK(…)` or a line
 * break inside a cell can become a cell of its own that starts with `=`.
 */
const FORMULA_START = /^[=+\-@\t\r|]/;
const FORMULA_AFTER_SEPARATOR = /([;,\t\r\n][ \t]*)(?=[=+\-@|])/g;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  text = text.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A value made safe for a download's file name (a header): anything but letters, digits, `-` and `_` goes. */
export function fileNamePart(value: string): string {
  return value.replace(/[^\w-]/g, '').slice(0, 64) || 'export';
}

export function toCsv(header: string[], rows: unknown[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
