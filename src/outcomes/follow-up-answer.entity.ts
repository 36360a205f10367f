import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns.js';

export const UNGM_STAGES = ['none', 'account', 'basic', 'registered', 'level1', 'level2'] as const;
export type UngmStage = (typeof UNGM_STAGES)[number];

/** `registered` or better: the company is registered with at least one UN agency on UNGM. */
export function isRegisteredOrBetter(stage: string | null | undefined): boolean {
  return stage === 'registered' || stage === 'level1' || stage === 'level2';
}

/**
 * What a company reported after a seminar. The answer belongs to the company (the latest one counts);
 * `registrationId` (who answered) and `comment` are personal and go when that registrant is erased.
 */
@Entity('follow_up_answer')
export class FollowUpAnswer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  registrationId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  seminarId: string | null;

  /** The FOLLOWUP_DAYS mark whose email led here, when known. */
  @Column({ type: 'integer', nullable: true })
  markDays: number | null;

  @Column({ type: 'varchar', length: 16 })
  ungmStage: UngmStage;

  @Column({ type: 'integer', nullable: true })
  bidsSubmitted: number | null;

  @Column({ type: 'integer', nullable: true })
  contractsWon: number | null;

  @Column({ type: 'integer', nullable: true })
  rating: number | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** Strictly increasing per company (see FollowUpService.answer), so "latest" is never a tie. */
  @TimestampColumn()
  createdAt: Date;
}
