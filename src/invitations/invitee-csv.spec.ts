import { CSV_SLICE_CHARS, CsvSyntaxError, decodeCsv, detectSeparator, parseCsv } from './invitee-csv.js';

const cells = async (text: string) => (await parseCsv(text)).map((record) => record.cells);

/** Over 1 MB of what froze the old reader: many quotes inside unquoted cells. */
function hostileCsv(rows: number): string {
  const lines = ['email;name;company'];
  for (let row = 0; row < rows; row++) lines.push(`p${row}@x.kz;${'a"'.repeat(300)};ООО "${'b"'.repeat(300)}`);
  return lines.join('\r\n');
}

describe('CSV reader', () => {
  it('reads comma- and semicolon-separated lines, choosing the separator from the first line', async () => {
    expect(await cells('a@x.kz,Anna,ACME,123\nb@x.kz,Boris,Beta,456\n')).toEqual([
      ['a@x.kz', 'Anna', 'ACME', '123'],
      ['b@x.kz', 'Boris', 'Beta', '456'],
    ]);
    // ru-locale Excel: semicolons, and a comma inside an unquoted company name stays in the cell
    expect(await cells('email;name;company;bin\r\na@x.kz;Анна;ТОО Альфа, филиал;123\r\n')).toEqual([
      ['email', 'name', 'company', 'bin'],
      ['a@x.kz', 'Анна', 'ТОО Альфа, филиал', '123'],
    ]);
    expect(detectSeparator('a\tb,c\n')).toBe('\t');
    expect(detectSeparator('only@x.kz\nb@x.kz;c\n')).toBe(';');
  });

  it('handles quotes: separators, doubled quotes and line breaks inside, quotes inside unquoted text', async () => {
    expect(await cells('a@x.kz,"Smith, John","ACME ""Best"" LLP"\nb@x.kz,ООО "Ромашка",x\n')).toEqual([
      ['a@x.kz', 'Smith, John', 'ACME "Best" LLP'],
      ['b@x.kz', 'ООО "Ромашка"', 'x'],
    ]);
    const multi = await parseCsv('a@x.kz,"two\nlines"\nb@x.kz,c\n');
    expect(multi.map((record) => record.line)).toEqual([1, 3]);
    expect(multi[0].cells[1]).toBe('two\nlines');
    expect(await cells('a@x.kz, "Smith, John"')).toEqual([['a@x.kz', 'Smith, John']]);
  });

  it('numbers records by line, skipping blank lines and rows of empty cells, whatever the line endings', async () => {
    expect(await parseCsv('\na@x.kz\n\n;;;\nb@x.kz')).toEqual([
      { line: 2, cells: ['a@x.kz'] },
      { line: 5, cells: ['b@x.kz'] },
    ]);
    expect(await parseCsv('\uFEFFa@x.kz;"x\r\ny"\r\n\rb@x.kz;z\nc@x.kz')).toEqual([
      { line: 1, cells: ['a@x.kz', 'x\ny'] },
      { line: 4, cells: ['b@x.kz', 'z'] },
      { line: 5, cells: ['c@x.kz'] },
    ]);
  });

  it('names the line of a quoted cell that is never closed', async () => {
    const parsing = parseCsv('a@x.kz;ok\nb@x.kz;ok\n"c@x.kz;never closed\nd@x.kz;x\n');
    await expect(parsing).rejects.toBeInstanceOf(CsvSyntaxError);
    await expect(parsing).rejects.toThrow(/^line 3: /);
  });

  it('decodes UTF-8 with or without a BOM, and Windows-1251 from older Excel saves', () => {
    const text = 'email;name\na@x.kz;Анна Ақан\n';
    expect(decodeCsv(Buffer.from('\uFEFF' + text, 'utf8'))).toBe(text);
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toBe(text);
    // "Анна" in Windows-1251
    const cp1251 = Buffer.concat([Buffer.from('a@x.kz;'), Buffer.from([0xc0, 0xed, 0xed, 0xe0])]);
    expect(decodeCsv(cp1251)).toBe('a@x.kz;Анна');
  });

  it('reads a hostile file of over 1 MB in slices, letting the event loop turn between them', async () => {
    const text = hostileCsv(1000);
    expect(text.length).toBeGreaterThan(1024 * 1024);
    // Counts turns of the event loop while the file is read: other requests are served in those turns.
    let turns = 0;
    let counting = true;
    const count = () => {
      turns += 1;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const records = await parseCsv(text);
    counting = false;
    expect(records).toHaveLength(1001);
    expect(records[1000]).toEqual({ line: 1001, cells: ['p999@x.kz', 'a"'.repeat(300), `ООО "${'b"'.repeat(300)}`] });
    expect(turns).toBeGreaterThanOrEqual(Math.floor(text.length / CSV_SLICE_CHARS));
  });
});
