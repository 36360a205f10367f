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
    // first pass: 10*1 (digit at weight 10) -> 10 ; second pass weight of that position is 1 -> 1. Build one that gives 10 twice:
    // digits d with sum d_i*w1_i ≡ 10 and sum d_i*w2_i ≡ 10 (mod 11): d = 0..0,5,?; search exhaustively over two positions
    let found: string | null = null;
    for (let a = 0; a <= 9 && !found; a++) {
      for (let b = 0; b <= 9 && !found; b++) {
        const prefix = `${a}${b}000000000`;
        if ((a * 1 + b * 2) % 11 === 10 && (a * 3 + b * 4) % 11 === 10) found = prefix;
      }
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
