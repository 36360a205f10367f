import type { Language } from '../i18n/i18n.js';
import { findSegment, UNSPSC_FAMILIES, UNSPSC_SEGMENTS, type LocalizedTitle } from './unspsc-data.js';

export interface UnspscMatch {
  /** 2 digits (a segment) or 4 digits (a family). */
  code: string;
  title: string;
  /** The segment's title, for a family. */
  segmentTitle: string | null;
  /** The 8-digit code that picks the whole segment or family ("43210000"). */
  pickCode: string;
}

export interface ListedCode {
  code: string;
  segmentCode: string;
  segmentTitle: string;
}

/** Case- and "ё"-insensitive, so "связь" finds "Средства связи" and "АЙТИ" finds nothing wrongly. */
function fold(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е');
}

function haystack(title: LocalizedTitle, keywords = ''): string {
  return fold(`${title.en} ${title.ru} ${title.kk} ${keywords}`);
}

const searchable = [
  ...UNSPSC_SEGMENTS.map((segment) => ({ code: segment.code, title: segment.title, text: haystack(segment.title) })),
  ...UNSPSC_FAMILIES.map((family) => ({ code: family.code, title: family.title, text: haystack(family.title, family.keywords) })),
];

/**
 * Segments and families whose names (in any of kk, ru, en) or keywords hold every word of the query,
 * or whose code starts with the digits typed. Segments come first, then families, by code.
 */
export function searchUnspsc(query: string, language: Language, limit = 30): UnspscMatch[] {
  const words = fold(query.trim()).split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return [];
  const matches = (entry: (typeof searchable)[number], word: string) =>
    /^\d+$/.test(word) ? entry.code.startsWith(word) || word.startsWith(entry.code) : entry.text.includes(word);
  const found = searchable.filter((entry) => words.every((word) => matches(entry, word)));
  return found
    .sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code))
    .slice(0, limit)
    .map((entry) => ({
      code: entry.code,
      title: entry.title[language],
      segmentTitle: entry.code.length === 4 ? (findSegment(entry.code)?.title[language] ?? null) : null,
      pickCode: entry.code.padEnd(8, '0'),
    }));
}

/** Each code with its segment's name, for pages. */
export function describeCodes(codes: readonly string[], language: Language): ListedCode[] {
  return codes.map((code) => {
    const segment = findSegment(code);
    return { code, segmentCode: code.slice(0, 2), segmentTitle: segment ? segment.title[language] : '' };
  });
}

export function segmentsView() {
  return UNSPSC_SEGMENTS.map((segment) => ({ code: segment.code, title: { ru: segment.title.ru, kk: segment.title.kk, en: segment.title.en } }));
}
