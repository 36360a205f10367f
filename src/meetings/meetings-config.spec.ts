import { AppConfig, ConfigError } from '../config/app-config.js';
import { cutSlots, shiftWindow, slotCount } from './slots.js';

describe('MEETINGS_PER_REGISTRATION', () => {
  it('defaults to 3 and reads a whole number from 1 to 50', () => {
    expect(new AppConfig({} as NodeJS.ProcessEnv).meetingsPerRegistration).toBe(3);
    expect(new AppConfig({ MEETINGS_PER_REGISTRATION: '5' } as NodeJS.ProcessEnv).meetingsPerRegistration).toBe(5);
  });

  it.each(['0', '51', 'three', '2.5', '-1'])('stops start-up on %p with a line naming the variable', (value) => {
    expect(() => new AppConfig({ MEETINGS_PER_REGISTRATION: value } as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => new AppConfig({ MEETINGS_PER_REGISTRATION: value } as NodeJS.ProcessEnv)).toThrow(/^MEETINGS_PER_REGISTRATION: /);
  });
});

describe('slots', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 11, 3, 5, minutes));

  it('cuts equal slots from the start of the window; a shorter remainder is unused', () => {
    const slots = cutSlots(at(0), at(50), 15);
    expect(slots.map((slot) => [slot.startsAt, slot.endsAt])).toEqual([
      [at(0), at(15)],
      [at(15), at(30)],
      [at(30), at(45)],
    ]);
    expect(slotCount(at(0), at(50), 15)).toBe(3);
    expect(cutSlots(at(0), at(10), 15)).toEqual([]);
  });

  it('moves a window with its seminar and clips it to the seminar', () => {
    const seminar = { startsAt: at(60), endsAt: at(180) };
    expect(shiftWindow({ startsAt: at(30), endsAt: at(90) }, 60 * 60_000, seminar)).toEqual({ startsAt: at(90), endsAt: at(150) });
    expect(shiftWindow({ startsAt: at(150), endsAt: at(210) }, 0, seminar)).toEqual({ startsAt: at(150), endsAt: at(180) });
    const gone = shiftWindow({ startsAt: at(0), endsAt: at(30) }, 0, seminar);
    expect(gone.endsAt.getTime()).toBe(gone.startsAt.getTime());
  });
});
