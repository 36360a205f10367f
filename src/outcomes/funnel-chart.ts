import { escapeXml } from '../common/charts.js';

export interface FunnelStep {
  label: string;
  value: number;
}

/**
 * The UNGM funnel as inline SVG, like the attendance charts: horizontal bars, widest first, each with
 * its number and share of the first step written out, so it reads without colour and without script.
 */
export function funnelSvg(steps: FunnelStep[], text: { title: string; description: string }): string {
  const width = 360;
  const barArea = 250;
  const rowHeight = 42;
  const top = 6;
  const height = top + steps.length * rowHeight + 4;
  const max = Math.max(1, ...steps.map((step) => step.value));
  const first = steps[0]?.value ?? 0;
  const colours = ['#0b4f7c', '#0068a8', '#2f7fb8', '#4f97c7', '#1e6b34', '#2e8b4a'];
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="rpt-chart ungm-funnel" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="ungm-funnel-title ungm-funnel-desc">`,
    `<title id="ungm-funnel-title">${escapeXml(text.title)}</title>`,
    `<desc id="ungm-funnel-desc">${escapeXml(text.description)}</desc>`,
  ];
  steps.forEach((step, index) => {
    const y = top + index * rowHeight;
    const barWidth = (step.value / max) * barArea;
    const share = first > 0 ? ` (${Math.round((step.value / first) * 100)}%)` : '';
    parts.push(
      `<g><text x="0" y="${y + 13}" font-size="13" fill="#1b2733">${escapeXml(step.label)}</text>`,
      `<rect x="0" y="${y + 18}" width="${barWidth.toFixed(1)}" height="16" fill="${colours[index % colours.length]}"/>`,
      `<text x="${(barWidth + 6).toFixed(1)}" y="${y + 31}" font-size="13" fill="#1b2733">${step.value}${share}</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
