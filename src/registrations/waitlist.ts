/**
 * The capacity and waitlist rules, kept pure so they can be tested without a database.
 * The service applies them while it holds the seminar's row lock (see WritePath).
 */
export interface SeatCounts {
  capacity: number;
  /** confirmed registrations */
  seatsTaken: number;
  /** waitlisted registrations; their positions are 1..waitlistCount */
  waitlistCount: number;
}

export type Placement = { status: 'confirmed'; waitlistPosition: null } | { status: 'waitlisted'; waitlistPosition: number };

/**
 * Where a new sign-up goes: a seat while one is free and nobody is waiting for it, otherwise the
 * end of the waitlist. (Someone already waiting always goes before a newcomer.) A sign-up applies
 * this rule in SQL, as one conditional UPDATE under the row lock (TAKE_SEAT in registrations.service.ts).
 */
export function placeNewRegistration(counts: SeatCounts): Placement {
  if (counts.waitlistCount === 0 && counts.seatsTaken < counts.capacity) return { status: 'confirmed', waitlistPosition: null };
  return { status: 'waitlisted', waitlistPosition: counts.waitlistCount + 1 };
}

/** How many people to move from the waitlist to seats: as many as there are free seats and people waiting. */
export function seatsToPromote(counts: SeatCounts): number {
  return Math.max(0, Math.min(counts.waitlistCount, counts.capacity - counts.seatsTaken));
}

/** Counts after `promoted` people moved up from the front of the waitlist. */
export function afterPromotion(counts: SeatCounts, promoted: number): SeatCounts {
  return { ...counts, seatsTaken: counts.seatsTaken + promoted, waitlistCount: counts.waitlistCount - promoted };
}

/** Counts after one registration of `status` was cancelled. */
export function afterCancellation(counts: SeatCounts, status: 'confirmed' | 'waitlisted'): SeatCounts {
  return status === 'confirmed'
    ? { ...counts, seatsTaken: Math.max(0, counts.seatsTaken - 1) }
    : { ...counts, waitlistCount: Math.max(0, counts.waitlistCount - 1) };
}

