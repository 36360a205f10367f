import { utcToZonedInput, zonedInputToUtc } from './zoned-time.js';

describe('wall-clock times in a seminar zone', () => {
  it.each([
    ['2031-01-15T10:00', 'Europe/Berlin', '2031-01-15T09:00:00.000Z'],
    ['2031-07-15T10:00', 'Europe/Berlin', '2031-07-15T08:00:00.000Z'],
    ['2031-07-15T10:00', 'America/New_York', '2031-07-15T14:00:00.000Z'],
    ['2031-12-31T23:30', 'UTC', '2031-12-31T23:30:00.000Z'],
    // Just after the spring-forward gap in Berlin (02:00 → 03:00 on 30 March 2031).
    ['2031-03-30T03:30', 'Europe/Berlin', '2031-03-30T01:30:00.000Z'],
  ])('%s in %s is %s', (input, zone, expected) => {
    expect(zonedInputToUtc(input, zone)?.toISOString()).toBe(expected);
    expect(utcToZonedInput(new Date(expected), zone)).toBe(input);
  });

  it('round-trips every hour of a year in the Kazakhstan zones', () => {
    for (const zone of ['Asia/Almaty', 'Asia/Aqtobe']) {
      for (let hour = 0; hour < 24 * 365; hour += 7) {
        const instant = new Date(Date.UTC(2030, 0, 1) + hour * 3_600_000);
        expect(zonedInputToUtc(utcToZonedInput(instant, zone), zone)?.getTime()).toBe(instant.getTime());
      }
    }
  });

  it.each(['', 'tomorrow', '2031-02-30T10:00', '2031-13-01T10:00', '2031-01-01T24:00', '2031-01-01 10:00'])('refuses %j', (input) => {
    expect(zonedInputToUtc(input, 'Asia/Almaty')).toBeNull();
  });
});
