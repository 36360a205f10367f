/**
 * A small CSV reader for invitee lists. What organizers actually upload: files saved by Excel
 * (semicolon-separated in the ru/kk locales, comma-separated in en, often with a UTF-8 BOM, and
 * older "CSV" saves in Windows-1251), Google Sheets exports, and lines pasted from a spreadsheet
 * (tab-separated). Quoted fields may contain the separator, doubled quotes and line breaks.
 */

export interface CsvRecord {
  /** 1-based line number where the record starts, as a spreadsheet shows it. */
  line: number;
  cells: string[];
}

/** Decodes an upload: UTF-8 (with or without BOM); bytes that are not UTF-8 are read as Windows-1251. */
export function decodeCsv(buffer: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    text = new TextDecoder('windows-1251').decode(buffer);
  }
  return text.replace(/^\uFEFF/, '');
}

/** The separator used by the first line that has one, outside quotes: `;`, tab or `,`. */
export function detectSeparator(text: string): string {
  const counts = { ';': 0, '\t': 0, ',': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if (counts[';'] + counts['\t'] + counts[','] > 0) break;
    } else if (!quoted && char in counts) counts[char as keyof typeof counts] += 1;
  }
  // Semicolons win over commas: a ru-locale Excel file keeps commas inside unquoted company names.
  if (counts[';'] > 0) return ';';
  if (counts['\t'] > 0) return '\t';
  return ',';
}

/** Splits text into records (RFC 4180 plus the usual leniencies). Blank lines are dropped. */
export function parseCsv(input: string, separator = detectSeparator(input)): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;

  const endRecord = () => {
    cells.push(cell);
    if (cells.some((value) => value.trim() !== '')) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };

  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell.trim() === '') {
      // A quote opens a quoted field only at its start (spaces allowed: `a, "b, c"`);
      // elsewhere it is text, as in ООО "Ромашка".
      quoted = true;
      cell = '';
    } else if (char === separator) {
      cells.push(cell);
      cell = '';
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += char;
    }
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
