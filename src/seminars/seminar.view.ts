import { isRegistrationOpen, registrationClosesAt } from './seminar-rules.js';
import type { Seminar } from './seminar.entity.js';

/** The contract's `Seminar` JSON. */
export interface SeminarView {
  id: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  format: string;
  city: string;
  venue: string | null;
  onlineUrl: string | null;
  language: string;
  capacity: number;
  seatsTaken: number;
  seatsLeft: number;
  waitlistCount: number;
  registrationClosesAt: string;
  registrationOpen: boolean;
  status: string;
}

export function toSeminarView(seminar: Seminar, now = new Date()): SeminarView {
  return {
    id: seminar.id,
    title: seminar.title,
    description: seminar.description,
    startsAt: seminar.startsAt.toISOString(),
    endsAt: seminar.endsAt.toISOString(),
    timeZone: seminar.timeZone,
    format: seminar.format,
    city: seminar.city,
    venue: seminar.venue,
    onlineUrl: seminar.onlineUrl,
    language: seminar.language,
    capacity: seminar.capacity,
    seatsTaken: seminar.seatsTaken,
    seatsLeft: Math.max(0, seminar.capacity - seminar.seatsTaken),
    waitlistCount: seminar.waitlistCount,
    registrationClosesAt: registrationClosesAt(seminar).toISOString(),
    registrationOpen: isRegistrationOpen(seminar, now),
    status: seminar.status,
  };
}
