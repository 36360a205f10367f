import type { Seminar } from './seminar.entity.js';

/**
 * Whether a seminar takes sign-ups at a given moment, and if not, why. The one place that says so:
 * pages, the JSON views, sign-up and invitations all ask here.
 */
export type RegistrationState = 'open' | 'draft' | 'cancelled' | 'ended' | 'started' | 'closed';

/** When sign-ups close: at `registrationClosesAt` if it comes first, otherwise when the seminar starts. */
export function registrationClosesAt(seminar: Seminar): Date {
  const closes = seminar.registrationClosesAt;
  return closes && closes < seminar.startsAt ? closes : seminar.startsAt;
}

export function registrationState(seminar: Seminar, now = new Date()): RegistrationState {
  if (seminar.status === 'cancelled') return 'cancelled';
  if (seminar.status === 'draft') return 'draft';
  if (seminar.endsAt <= now) return 'ended';
  if (now >= seminar.startsAt) return 'started';
  if (now >= registrationClosesAt(seminar)) return 'closed';
  return 'open';
}

export function isRegistrationOpen(seminar: Seminar, now = new Date()): boolean {
  return registrationState(seminar, now) === 'open';
}
