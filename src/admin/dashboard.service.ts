import { Injectable } from '@nestjs/common';
import { SeminarsService } from '../seminars/seminars.service.js';
import { seminarCard } from '../seminars/seminar-card.js';
import type { Seminar } from '../seminars/seminar.entity.js';

/** A seminar row for console lists: the public card plus what organizers watch. */
export function adminSeminarRow(seminar: Seminar, language: string, now = new Date()) {
  const card = seminarCard(seminar, language, now);
  return {
    ...card,
    fillPercent: Math.min(100, Math.round((seminar.seatsTaken / Math.max(1, seminar.capacity)) * 100)),
    draft: seminar.status === 'draft',
    published: seminar.status === 'published',
  };
}

@Injectable()
export class DashboardService {
  constructor(private readonly seminars: SeminarsService) {}

  /** Seminars that have not ended, drafts included, soonest first. */
  async upcoming(language: string, now = new Date()) {
    const { upcoming } = await this.split(now);
    return upcoming.filter((seminar) => seminar.status !== 'cancelled').map((seminar) => adminSeminarRow(seminar, language, now));
  }

  async split(now = new Date()): Promise<{ upcoming: Seminar[]; past: Seminar[] }> {
    const all = await this.seminars.listAll();
    return {
      upcoming: all.filter((seminar) => seminar.endsAt > now).reverse(),
      past: all.filter((seminar) => seminar.endsAt <= now),
    };
  }
}
