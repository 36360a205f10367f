import { zoneLabel } from './i18n.js';

describe('zoneLabel', () => {
  const winter = new Date('2026-12-03T05:00:00Z');

  it.each([
    ['kk', 'Asia/Almaty', 'Алматы уақыты (UTC+5)'],
    ['ru', 'Asia/Almaty', 'время Алматы (UTC+5)'],
    ['en', 'Asia/Almaty', 'Almaty time (UTC+5)'],
    ['kk', 'Asia/Aqtobe', 'Ақтөбе уақыты (UTC+5)'],
    ['ru', 'Asia/Oral', 'время Уральска (UTC+5)'],
    ['en', 'Europe/Berlin', 'Berlin time (UTC+1)'],
  ] as const)('in %s names %s as "%s"', (lang, zone, label) => {
    expect(zoneLabel(winter, zone, lang)).toBe(label);
  });

  it('keeps the IANA name for organizers when no language is asked for', () => {
    expect(zoneLabel(winter, 'Asia/Almaty')).toBe('Asia/Almaty (UTC+5)');
  });
});
