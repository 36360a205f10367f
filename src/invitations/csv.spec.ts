import { decodeCsv, detectSeparator, parseCsv } from './csv.js';

const cells = (text: string) => parseCsv(text).map((record) => record.cells);

describe('CSV reader', () => {
  it('reads comma- and semicolon-separated lines, choosing the separator from the first line', () => {
    expect(cells('a@x.kz,Anna,ACME,123\nb@x.kz,Boris,Beta,456\n')).toEqual([
      ['a@x.kz', 'Anna', 'ACME', '123'],
      ['b@x.kz', 'Boris', 'Beta', '456'],
    ]);
    // ru-locale Excel: semicolons, and a comma inside an unquoted company name stays in the cell
    expect(cells('email;name;company;bin\r\na@x.kz;Анна;ТОО Альфа, филиал;123\r\n')).toEqual([
      ['email', 'name', 'company', 'bin'],
      ['a@x.kz', 'Анна', 'ТОО Альфа, филиал', '123'],
    ]);
    expect(detectSeparator('a\tb,c\n')).toBe('\t');
    expect(detectSeparator('only@x.kz\nb@x.kz;c\n')).toBe(';');
  });

  it('handles quotes: separators, doubled quotes and line breaks inside, quotes inside unquoted text', () => {
    expect(cells('a@x.kz,"Smith, John","ACME ""Best"" LLP"\nb@x.kz,ООО "Ромашка",x\n')).toEqual([
      ['a@x.kz', 'Smith, John', 'ACME "Best" LLP'],
      ['b@x.kz', 'ООО "Ромашка"', 'x'],
    ]);
    const multi = parseCsv('a@x.kz,"two\nlines"\nb@x.kz,c\n');
    expect(multi.map((record) => record.line)).toEqual([1, 3]);
    expect(multi[0].cells[1]).toBe('two\nlines');
    expect(cells('a@x.kz, "Smith, John"')).toEqual([['a@x.kz', 'Smith, John']]);
  });

  it('numbers records by line, skipping blank lines and rows of empty cells', () => {
    const records = parseCsv('\na@x.kz\n\n;;;\nb@x.kz');
    expect(records).toEqual([
      { line: 2, cells: ['a@x.kz'] },
      { line: 5, cells: ['b@x.kz'] },
    ]);
  });

  it('decodes UTF-8 with or without a BOM, and Windows-1251 from older Excel saves', () => {
    const text = 'email;name\na@x.kz;Анна Ақан\n';
    expect(decodeCsv(Buffer.from('\uFEFF' + text, 'utf8'))).toBe(text);
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toBe(text);
    // "Анна" in Windows-1251
    const cp1251 = Buffer.concat([Buffer.from('a@x.kz;'), Buffer.from([0xc0, 0xed, 0xed, 0xe0])]);
    expect(decodeCsv(cp1251)).toBe('a@x.kz;Анна');
  });
});
