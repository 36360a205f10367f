import { UNSPSC_FAMILIES, UNSPSC_SEGMENTS, isKnownUnspscCode } from './unspsc-data.js';
import { describeCodes, searchUnspsc } from './unspsc.js';

describe('UNSPSC data and search', () => {
  it('has unique 2-digit segments and 4-digit families under known segments, named in three languages', () => {
    const segmentCodes = UNSPSC_SEGMENTS.map((segment) => segment.code);
    expect(new Set(segmentCodes).size).toBe(segmentCodes.length);
    for (const segment of UNSPSC_SEGMENTS) expect(segment.code).toMatch(/^\d{2}$/);
    const familyCodes = UNSPSC_FAMILIES.map((family) => family.code);
    expect(new Set(familyCodes).size).toBe(familyCodes.length);
    for (const entry of [...UNSPSC_SEGMENTS, ...UNSPSC_FAMILIES]) {
      expect(entry.code).toMatch(/^\d{2}(\d{2})?$/);
      expect(segmentCodes).toContain(entry.code.slice(0, 2));
      for (const language of ['en', 'ru', 'kk'] as const) expect(entry.title[language].trim().length).toBeGreaterThan(2);
    }
  });

  it.each([
    ['43211503', true],
    ['95121500', true],
    ['16101503', false],
    ['4321150', false],
    ['432115031', false],
    [43211503, false],
  ])('isKnownUnspscCode(%p) = %p', (code, expected) => {
    expect(isKnownUnspscCode(code)).toBe(expected);
  });

  it('finds families by Kazakh, Russian and English words and by keywords', () => {
    expect(searchUnspsc('көлік', 'kk').map((match) => match.code)).toEqual(expect.arrayContaining(['2510']));
    expect(searchUnspsc('тепловизор', 'ru').map((match) => match.code)).toEqual(expect.arrayContaining(['4617', '4111']));
    expect(searchUnspsc('thermal imaging', 'en').map((match) => match.code)).toEqual(expect.arrayContaining(['4617']));
    expect(searchUnspsc('ТОПЛИВО', 'ru')[0]).toMatchObject({ code: '15', pickCode: '15000000' });
    const aircraft = searchUnspsc('тікұшақ', 'kk');
    expect(aircraft[0]).toMatchObject({ code: '2513', pickCode: '25130000', title: expect.stringMatching(/Әуе кемелері/), segmentTitle: expect.stringMatching(/көлік/) });
  });

  it('finds by code prefix, segments first', () => {
    expect(searchUnspsc('4321', 'en').map((match) => match.code)).toEqual(['43', '4321']);
  });

  it('finds nothing for nothing', () => {
    expect(searchUnspsc('   ', 'en')).toEqual([]);
    expect(searchUnspsc('zzzqqq', 'en')).toEqual([]);
  });

  it('describes each code with its segment name', () => {
    expect(describeCodes(['46171610'], 'kk')).toEqual([{ code: '46171610', segmentCode: '46', segmentTitle: expect.stringMatching(/^Қорғаныс/) }]);
  });
});
