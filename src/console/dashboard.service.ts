import { Injectable } from '@nestjs/common';
import type { Language } from '../i18n/i18n.js';
import { consoleSeminarRow, splitByEnd, SeminarsService } from '../seminars/index.js';

@Injectable()
export class DashboardService {
  constructor(private readonly seminars: SeminarsService) {}

  /** Seminars that have not ended, drafts included, soonest first. */
  async upcoming(language: Language, now = new Date()) {
    const { upcoming } = splitByEnd(await this.seminars.listAll(), now);
    return upcoming.filter((seminar) => seminar.status !== 'cancelled').map((seminar) => consoleSeminarRow(seminar, language, now));
  }
}
