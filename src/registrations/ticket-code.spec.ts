import { generateTicketCode, normalizeDoorInput, normalizeTicketCode, TICKET_ALPHABET, TICKET_CODE_LENGTH } from './ticket-code.js';

describe('ticket codes', () => {
  it('are 10 characters from an alphabet without look-alikes', () => {
    expect(TICKET_ALPHABET).not.toMatch(/[01ILO]/);
    for (let i = 0; i < 200; i++) expect(generateTicketCode()).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
  });

  it('use every character of the alphabet (no bias to a few)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) for (const char of generateTicketCode()) seen.add(char);
    expect(seen.size).toBe(TICKET_ALPHABET.length);
  });

  it('do not repeat in a large sample', () => {
    const codes = new Set(Array.from({ length: 20_000 }, () => generateTicketCode()));
    expect(codes.size).toBe(20_000);
  });

  it('take each character from the random source', () => {
    const picks = [0, 1, 2, 30, 0, 0, 0, 0, 0, 5];
    let index = 0;
    expect(generateTicketCode(() => picks[index++])).toBe('234Z222227');
    expect(index).toBe(TICKET_CODE_LENGTH);
  });

  it('normalize what door staff type', () => {
    expect(normalizeTicketCode('abcd-efgh 23')).toBe('ABCDEFGH23');
    expect(normalizeTicketCode('ABCDEFGH2O')).toBeNull();
    expect(normalizeTicketCode('ABC')).toBeNull();
    expect(normalizeTicketCode(42)).toBeNull();
  });
});

describe('normalizeDoorInput', () => {
  it.each([
    ['ABCD2345EF', 'ABCD2345EF'],
    ['abcd2345ef', 'ABCD2345EF'],
    ['  abcd-2345-ef \n', 'ABCD2345EF'],
    ['ABCD 2345 EF', 'ABCD2345EF'],
    ['https://seminars.example.org/t/ABCD2345EF', 'ABCD2345EF'],
    ['https://seminars.example.org/check?ticket=abcd2345ef', 'ABCD2345EF'],
  ])('reads %j as %s', (typed, expected) => {
    expect(normalizeDoorInput(typed)).toBe(expected);
  });

  it.each(['', '   ', 'ABC', 'ABCD0345EF', 'OIL1ABCDEF', 'ABCD2345EFX', 'ABCD;2345E', 'https://example.org/'])('refuses %j', (typed) => {
    expect(normalizeDoorInput(typed)).toBeNull();
  });
});
