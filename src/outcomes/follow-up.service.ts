import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError } from '../common/domain-errors.js';
import { Company } from '../companies/index.js';
import { WritePath } from '../database/write-path.js';
import { RegistrationsService, type RegistrationDetails } from '../registrations/index.js';
import type { FollowUpDto } from './dto/follow-up.dto.js';
import { FollowUpAnswer } from './follow-up-answer.entity.js';

export class NotAnAttendeeError extends ConflictError {
  constructor() {
    super('not_checked_in', 'registration: the follow-up survey is for people who attended the seminar (checked in), after it ended');
  }
}

export function toFollowUpView(answer: FollowUpAnswer) {
  return {
    id: answer.id,
    ungmStage: answer.ungmStage,
    bidsSubmitted: answer.bidsSubmitted,
    contractsWon: answer.contractsWon,
    rating: answer.rating,
    comment: answer.comment,
    createdAt: answer.createdAt.toISOString(),
  };
}

/** Follow-up answers: a company tells us where it stands on UNGM. The latest answer of a company counts. */
@Injectable()
export class FollowUpService {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly writePath: WritePath,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Only someone checked in at a seminar that has ended may answer for the company. */
  canAnswer({ registration, seminar }: RegistrationDetails, now = new Date()): boolean {
    return !!registration.checkedInAt && seminar.endsAt <= now && seminar.status !== 'cancelled';
  }

  async answer(token: string, input: FollowUpDto, now = new Date()): Promise<FollowUpAnswer> {
    const details = await this.registrations.findByToken(token);
    if (!this.canAnswer(details, now)) throw new NotAnAttendeeError();
    const { registration, company } = details;
    return this.writePath.transaction(async (manager) => {
      // The company's row lock orders its answers, so the newest one is strictly the latest.
      await this.writePath.lockRow(manager, Company, company.id);
      const previous = await this.latest(manager, company.id);
      const createdAt = previous && previous.createdAt >= now ? new Date(previous.createdAt.getTime() + 1) : now;
      const answer = manager.create(FollowUpAnswer, {
        id: randomUUID(),
        companyId: company.id,
        registrationId: registration.id,
        seminarId: registration.seminarId,
        markDays: input.mark ?? null,
        ungmStage: input.ungmStage,
        bidsSubmitted: input.bidsSubmitted ?? null,
        contractsWon: input.contractsWon ?? null,
        rating: input.rating ?? null,
        comment: input.comment?.trim() || null,
        createdAt,
      });
      await manager.insert(FollowUpAnswer, answer);
      return answer;
    });
  }

  latest(manager: EntityManager, companyId: string): Promise<FollowUpAnswer | null> {
    return manager.findOne(FollowUpAnswer, { where: { companyId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  latestForCompany(companyId: string): Promise<FollowUpAnswer | null> {
    return this.dataSource.getRepository(FollowUpAnswer).findOne({ where: { companyId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }
}
