import { CsvError, parse } from 'csv-parse';

/**
 * Reads invitee lists with csv-parse (a kept, linear, streaming parser). What organizers actually
 * upload: files saved by Excel (semicolon-separated in the ru/kk locales, comma-separated in en,
 * often with a UTF-8 BOM, and older "CSV" saves in Windows-1251), Google Sheets exports, and lines
 * pasted from a spreadsheet (tab-separated). Quoted fields may contain the separator, doubled quotes
 * and line breaks; quotes inside unquoted text stay text, as in ООО "Ромашка".
 */

export interface CsvRecord {
  /** 1-based line number where the record starts, as a spreadsheet shows it. */
  line: number;
  cells: string[];
}

/** A file the parser gave up on; `line` is where the trouble was found. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

/**
 * Text handed to the parser between two turns of the event loop. A 2 MB upload is parsed in about
 * 32 slices, and requests from other users are served between them.
 */
export const CSV_SLICE_CHARS = 64 * 1024;

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
  // The first line is all that counts; a runaway quote must not make this read the whole file.
  for (const char of text.slice(0, CSV_SLICE_CHARS)) {
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

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Splits text into records. Blank lines and rows of empty cells are dropped. The text is fed to the
 * parser in slices of CSV_SLICE_CHARS with a turn of the event loop between them, so a large or
 * hostile file never holds up other requests. Throws CsvSyntaxError for a quoted cell never closed.
 */
export async function parseCsv(input: string, separator = detectSeparator(input)): Promise<CsvRecord[]> {
  // One line ending for the whole file: Excel on Windows writes CRLF, pasted text LF, old Macs CR.
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  let failure: Error | null = null;
  let lastLine = 0;
  const parser = parse({
    delimiter: separator,
    record_delimiter: '\n',
    relax_quotes: true,
    relax_column_count: true,
    // Spaces before an opening quote are common in hand-written lists: `a@x.kz, "Smith, John"`.
    ltrim: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    info: true,
  });
  parser.on('data', ({ record, info }: { record: string[]; info: { lines: number } }) => {
    // info.lines is the line the record ends on; line breaks can only sit inside its quoted cells.
    const breaks = record.reduce((count, cell) => count + (cell.includes('\n') ? cell.split('\n').length - 1 : 0), 0);
    records.push({ line: info.lines - breaks, cells: record });
    lastLine = info.lines;
  });
  parser.on('error', (error: Error) => {
    failure ??= error;
  });
  const ended = new Promise<void>((resolve) => parser.once('end', resolve).once('error', () => resolve()));
  for (let start = 0; start < text.length && !failure; start += CSV_SLICE_CHARS) {
    parser.write(text.slice(start, start + CSV_SLICE_CHARS));
    await nextTurn();
  }
  if (!failure) parser.end();
  await ended;
  if (failure) throw toSyntaxError(failure, lastLine);
  return records;
}

function toSyntaxError(error: Error, lastLine: number): Error {
  if (!(error instanceof CsvError)) return error;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return new CsvSyntaxError(lastLine + 1, 'a quoted cell starts here and is never closed');
  const line = typeof (error as CsvError & { lines?: number }).lines === 'number' ? (error as CsvError & { lines: number }).lines : lastLine + 1;
  return new CsvSyntaxError(line, error.message);
}
