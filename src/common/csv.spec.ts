import { csvCell, toCsv } from './csv.js';

describe('CSV cells', () => {
  it('quotes everything, doubles quotes and defuses formulas', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('-2')).toBe(`"'-2"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell(null)).toBe('""');
    expect(csvCell(new Date('2031-01-01T00:00:00Z'))).toBe('"2031-01-01T00:00:00.000Z"');
    expect(toCsv(['a'], [['b']])).toBe('\uFEFF"a"\r\n"b"\r\n');
  });

  it('defuses formulas after every `;`, `,`, tab or line break that Excel could split a cell on', () => {
    expect(csvCell('Acme;=HYPERLINK("http://evil.example","x")')).toBe(`"Acme;'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('a, +1')).toBe(`"a, '+1"`);
    expect(csvCell('a\t-1;@b')).toBe(`"a\t'-1;'@b"`);
    expect(csvCell('line\r\n=cmd|x')).toBe(`"line\r\n'=cmd|x"`);
    expect(csvCell('ТОО "Альфа", филиал; Алматы')).toBe('"ТОО ""Альфа"", филиал; Алматы"');
    expect(csvCell('user@example.org')).toBe('"user@example.org"');
  });
});
