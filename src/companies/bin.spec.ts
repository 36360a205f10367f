import { binControlDigit, isValidBin, normalizeBin } from './bin.js';

describe('BIN checksum', () => {
  it.each([
    // computed by hand: first pass
    ['000740001307'],
    ['100140011059'],
    ['981140001551'],
  ])('accepts %s', (bin) => {
    expect(isValidBin(bin)).toBe(true);
  });

  it('uses the second weights when the first pass gives 10', () => {
    // 5,0,0,0,0,0,0,0,0,0,0 -> 5*1 = 5 (first) ; find a prefix whose first pass is 10
    const prefix = '00000000001'; // 1*11 = 11 % 11 = 0 -> plain case
    expect(binControlDigit(prefix)).toBe(0);
    const tens = '10000000000'; // 1*1 = 1
    expect(binControlDigit(tens)).toBe(1);
    const needsSecond = '00000000010'; // 1*10 = 10 -> second pass: 1*1 = 1
    expect(binControlDigit(needsSecond)).toBe(1);
    expect(isValidBin(`${needsSecond}1`)).toBe(true);
    expect(isValidBin(`${needsSecond}0`)).toBe(false);
  });

  it('rejects a number whose both passes give 10', () => {
    // Search prefixes for one whose weighted sums are 10 (mod 11) under both sets of weights.
    let found: string | null = null;
    for (let n = 0; n < 1000 && !found; n++) {
      const prefix = `${String(n).padStart(3, '0')}00000001`;
      const digits = [...prefix].map(Number);
      const sum = (weights: number[]) => digits.reduce((total, d, i) => total + d * weights[i], 0) % 11;
      if (sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) === 10 && sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) === 10) found = prefix;
    }
    expect(found).not.toBeNull();
    expect(binControlDigit(found!)).toBeNull();
    for (let control = 0; control <= 9; control++) expect(isValidBin(`${found}${control}`)).toBe(false);
  });

  it.each([['12345678901'], ['1234567890123'], ['12345678901a'], [''], ['000740001308'], [12], [null]])('rejects %p', (value) => {
    expect(isValidBin(value)).toBe(false);
  });

  it('strips spaces and dashes people type', () => {
    expect(normalizeBin('0007 4000-1307')).toBe('000740001307');
  });
});
