import { normaliseDoorInput } from './ticket-code.js';

describe('normaliseDoorInput', () => {
  it.each([
    ['ABCD2345EF', 'ABCD2345EF'],
    ['abcd2345ef', 'ABCD2345EF'],
    ['  abcd-2345-ef \n', 'ABCD2345EF'],
    ['ABCD 2345 EF', 'ABCD2345EF'],
    ['https://seminars.example.org/t/ABCD2345EF', 'ABCD2345EF'],
    ['https://seminars.example.org/check?ticket=abcd2345ef', 'ABCD2345EF'],
  ])('reads %j as %s', (typed, expected) => {
    expect(normaliseDoorInput(typed)).toBe(expected);
  });

  it.each(['', '   ', 'ABC', 'ABCD0345EF', 'OIL1ABCDEF', 'ABCD2345EFX', 'ABCD;2345E', 'https://example.org/'])('refuses %j', (typed) => {
    expect(normaliseDoorInput(typed)).toBeNull();
  });
});
