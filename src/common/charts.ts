/**
 * Charts drawn on the server as inline SVG: no script, no CDN (nothing outside can be reached), and
 * readable without colour (every bar carries its number as text). Every text is escaped here,
 * because the result is put into the page unescaped (`{{{ }}}`).
 * Colours are SVG presentation attributes, not `style=`, which the Content-Security-Policy forbids.
 * Each chart carries its own `width` and `height`: the page draws it at that size (shrinking it on a
 * narrow screen, never stretching it), so its 13 px text stays 13 px on a laptop.
 */

const ATTENDED = '#1e6b34';
const NO_SHOW = '#c0641b';
const REGISTERED = '#8fb3d9';

export function escapeXml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface CompanyBar {
  label: string;
  attended: number;
  noShows: number;
}

export interface ChartText {
  title: string;
  description: string;
  attended: string;
  noShows: string;
  registered?: string;
  empty: string;
}

/**
 * Horizontal stacked bars, one per company: attended, then no-shows, with the numbers written out.
 * The company name sits above its bar, so long names stay readable on a 360 px phone.
 */
export function companyBarsSvg(bars: CompanyBar[], text: ChartText): string {
  const width = 360;
  const barArea = 280;
  const rowHeight = 42;
  const top = 30;
  const height = top + Math.max(1, bars.length) * rowHeight + 6;
  const max = Math.max(1, ...bars.map((bar) => bar.attended + bar.noShows));
  const scale = (value: number) => (value / max) * barArea;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="rpt-chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="rpt-bars-title rpt-bars-desc">`,
    `<title id="rpt-bars-title">${escapeXml(text.title)}</title>`,
    `<desc id="rpt-bars-desc">${escapeXml(text.description)}</desc>`,
    legend([
      [ATTENDED, text.attended],
      [NO_SHOW, text.noShows],
    ]),
  ];
  if (bars.length === 0) parts.push(`<text x="0" y="${top + 18}" font-size="14" fill="#5a6b7b">${escapeXml(text.empty)}</text>`);
  bars.forEach((bar, index) => {
    const y = top + index * rowHeight;
    const attendedWidth = scale(bar.attended);
    const noShowWidth = scale(bar.noShows);
    parts.push(
      `<g><title>${escapeXml(`${bar.label}: ${text.attended} ${bar.attended}, ${text.noShows} ${bar.noShows}`)}</title>`,
      `<text x="0" y="${y + 13}" font-size="13" fill="#1b2733">${escapeXml(truncate(bar.label, 42))}</text>`,
      `<rect x="0" y="${y + 18}" width="${attendedWidth.toFixed(1)}" height="16" fill="${ATTENDED}"/>`,
      `<rect x="${attendedWidth.toFixed(1)}" y="${y + 18}" width="${noShowWidth.toFixed(1)}" height="16" fill="${NO_SHOW}"/>`,
      `<text x="${(attendedWidth + noShowWidth + 6).toFixed(1)}" y="${y + 31}" font-size="13" fill="#1b2733">${bar.attended} / ${bar.noShows}</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface MonthColumn {
  /** the month's name, under its columns */
  label: string;
  /** a second line under the name (the year), or nothing */
  sublabel?: string;
  registered: number;
  attended: number;
}

/** Grouped columns per month: registered next to attended, numbers above each column. */
export function monthColumnsSvg(months: MonthColumn[], text: ChartText): string {
  const groupWidth = 64;
  const left = 10;
  const top = 40;
  const plotHeight = 160;
  const width = Math.max(320, left * 2 + Math.max(1, months.length) * groupWidth);
  const height = top + plotHeight + 44;
  const max = Math.max(1, ...months.map((month) => Math.max(month.registered, month.attended)));
  const scale = (value: number) => (value / max) * plotHeight;
  const base = top + plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="rpt-chart rpt-chart-months" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="rpt-months-title rpt-months-desc">`,
    `<title id="rpt-months-title">${escapeXml(text.title)}</title>`,
    `<desc id="rpt-months-desc">${escapeXml(text.description)}</desc>`,
    legend([
      [REGISTERED, text.registered ?? ''],
      [ATTENDED, text.attended],
    ]),
    `<line x1="${left}" y1="${base}" x2="${width - left}" y2="${base}" stroke="#8596a6"/>`,
  ];
  if (months.length === 0) parts.push(`<text x="${left}" y="${top + 20}" font-size="14" fill="#5a6b7b">${escapeXml(text.empty)}</text>`);
  months.forEach((month, index) => {
    const x = left + index * groupWidth + 6;
    const column = (value: number, offset: number, colour: string) => {
      const h = scale(value);
      return (
        `<rect x="${x + offset}" y="${(base - h).toFixed(1)}" width="24" height="${h.toFixed(1)}" fill="${colour}"/>` +
        `<text x="${x + offset + 12}" y="${(base - h - 4).toFixed(1)}" font-size="11" text-anchor="middle" fill="#1b2733">${value}</text>`
      );
    };
    parts.push(
      `<g><title>${escapeXml(`${month.label}${month.sublabel ? ` ${month.sublabel}` : ''}: ${text.registered ?? ''} ${month.registered}, ${text.attended} ${month.attended}`)}</title>`,
      column(month.registered, 0, REGISTERED),
      column(month.attended, 26, ATTENDED),
      `<text x="${x + 25}" y="${base + 16}" font-size="11" text-anchor="middle" fill="#1b2733">${escapeXml(month.label)}</text>`,
      month.sublabel ? `<text x="${x + 25}" y="${base + 30}" font-size="11" text-anchor="middle" fill="#5a6b7b">${escapeXml(month.sublabel)}</text>` : '',
      '</g>',
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

function legend(entries: [string, string][]): string {
  let x = 0;
  return entries
    .map(([colour, label]) => {
      const item = `<rect x="${x}" y="4" width="14" height="14" fill="${colour}"/><text x="${x + 20}" y="16" font-size="13" fill="#1b2733">${escapeXml(label)}</text>`;
      // No text measuring on the server: a generous 8 px per character keeps long Russian labels apart.
      x += 20 + label.length * 8 + 16;
      return item;
    })
    .join('');
}
