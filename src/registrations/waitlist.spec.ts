import { afterCancellation, afterPromotion, placeNewRegistration, seatsToPromote } from './waitlist.js';

describe('capacity and waitlist rules', () => {
  it('confirms while seats are left and nobody is waiting', () => {
    expect(placeNewRegistration({ capacity: 2, seatsTaken: 0, waitlistCount: 0 })).toEqual({ status: 'confirmed', waitlistPosition: null });
    expect(placeNewRegistration({ capacity: 2, seatsTaken: 1, waitlistCount: 0 })).toEqual({ status: 'confirmed', waitlistPosition: null });
  });

  it('puts people on the end of the waitlist once the seats are gone', () => {
    expect(placeNewRegistration({ capacity: 2, seatsTaken: 2, waitlistCount: 0 })).toEqual({ status: 'waitlisted', waitlistPosition: 1 });
    expect(placeNewRegistration({ capacity: 2, seatsTaken: 2, waitlistCount: 7 })).toEqual({ status: 'waitlisted', waitlistPosition: 8 });
  });

  it('never lets a newcomer jump a waitlist, even when a seat is free', () => {
    expect(placeNewRegistration({ capacity: 3, seatsTaken: 2, waitlistCount: 1 })).toEqual({ status: 'waitlisted', waitlistPosition: 2 });
  });

  it('waitlists everyone when capacity was lowered below the seats taken', () => {
    expect(placeNewRegistration({ capacity: 1, seatsTaken: 3, waitlistCount: 0 })).toEqual({ status: 'waitlisted', waitlistPosition: 1 });
    expect(seatsToPromote({ capacity: 1, seatsTaken: 3, waitlistCount: 4 })).toBe(0);
  });

  it('promotes as many as there are free seats and people waiting', () => {
    expect(seatsToPromote({ capacity: 10, seatsTaken: 10, waitlistCount: 5 })).toBe(0);
    expect(seatsToPromote({ capacity: 10, seatsTaken: 9, waitlistCount: 5 })).toBe(1);
    expect(seatsToPromote({ capacity: 20, seatsTaken: 10, waitlistCount: 5 })).toBe(5);
    expect(seatsToPromote({ capacity: 20, seatsTaken: 10, waitlistCount: 0 })).toBe(0);
  });

  it('keeps the counts in step through cancellations and promotions', () => {
    let counts = { capacity: 2, seatsTaken: 2, waitlistCount: 3 };
    counts = afterCancellation(counts, 'confirmed');
    expect(counts).toEqual({ capacity: 2, seatsTaken: 1, waitlistCount: 3 });
    counts = afterPromotion(counts, seatsToPromote(counts));
    expect(counts).toEqual({ capacity: 2, seatsTaken: 2, waitlistCount: 2 });
    counts = afterCancellation(counts, 'waitlisted');
    expect(counts).toEqual({ capacity: 2, seatsTaken: 2, waitlistCount: 1 });
    expect(seatsToPromote(counts)).toBe(0);
  });

  it('holds for any sequence of sign-ups and cancellations: seats never exceed capacity, the waitlist only exists when full', () => {
    // A small model run: random operations, checked against the invariants.
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    let counts = { capacity: 5, seatsTaken: 0, waitlistCount: 0 };
    for (let step = 0; step < 2000; step++) {
      const roll = random();
      if (roll < 0.6) {
        const placement = placeNewRegistration(counts);
        counts = placement.status === 'confirmed' ? { ...counts, seatsTaken: counts.seatsTaken + 1 } : { ...counts, waitlistCount: counts.waitlistCount + 1 };
        if (placement.status === 'waitlisted') expect(placement.waitlistPosition).toBe(counts.waitlistCount);
      } else if (roll < 0.8 && counts.seatsTaken > 0) {
        counts = afterCancellation(counts, 'confirmed');
      } else if (counts.waitlistCount > 0) {
        counts = afterCancellation(counts, 'waitlisted');
      } else {
        counts = { ...counts, capacity: counts.capacity + 1 };
      }
      counts = afterPromotion(counts, seatsToPromote(counts));
      expect(counts.seatsTaken).toBeLessThanOrEqual(counts.capacity);
      if (counts.waitlistCount > 0) expect(counts.seatsTaken).toBe(counts.capacity);
    }
  });
});
