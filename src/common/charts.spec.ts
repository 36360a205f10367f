import { companyBarsSvg, escapeXml, monthColumnsSvg } from './charts.js';

const text = { title: 'Attended <and> no-shows', description: 'Top companies', attended: 'Attended', noShows: 'No-shows', registered: 'Registered', empty: 'No data' };

describe('server-side SVG charts', () => {
  it('escapes every label, so a company name cannot inject markup', () => {
    const svg = companyBarsSvg([{ label: '<script>alert(1)</script> & "Co"', attended: 3, noShows: 1 }], text);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('&amp; &quot;Co&quot;');
    expect(svg).toContain('<title id="rpt-bars-title">Attended &lt;and&gt; no-shows</title>');
    expect(svg).toMatch(/role="img"/);
  });

  it('draws bar widths in proportion and writes the numbers', () => {
    const svg = companyBarsSvg(
      [
        { label: 'A', attended: 4, noShows: 0 },
        { label: 'B', attended: 1, noShows: 1 },
      ],
      text,
    );
    const widths = [...svg.matchAll(/<rect x="0" y="\d+" width="([\d.]+)" height="16"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([280, 70]);
    expect(svg).toContain('4 / 0');
    expect(svg).toContain('1 / 1');
  });

  it('writes its own size, so the page draws it at that size', () => {
    expect(companyBarsSvg([{ label: 'A', attended: 1, noShows: 0 }], text)).toMatch(/^<svg [^>]*width="360" height="78" viewBox="0 0 360 78"/);
    const svg = monthColumnsSvg([{ label: 'қар.', sublabel: '2026', registered: 2, attended: 1 }], text);
    expect(svg).toContain('>қар.</text>');
    expect(svg).toContain('>2026</text>');
  });

  it('says so when there is nothing to draw', () => {
    expect(companyBarsSvg([], text)).toContain('No data');
    expect(monthColumnsSvg([], text)).toContain('No data');
  });

  it('draws a column pair per month with labels', () => {
    const svg = monthColumnsSvg(
      [
        { label: '2026-01', registered: 10, attended: 5 },
        { label: '2026-02', registered: 4, attended: 4 },
      ],
      text,
    );
    expect(svg.match(/<g>/g)).toHaveLength(2);
    expect(svg).toContain('2026-02');
    expect(svg).toMatch(/^<svg [^>]*width="320" height="244" viewBox="0 0 320 244"/);
    expect(escapeXml(`'`)).toBe('&#39;');
  });
});
