import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { UNGM_STAGES, type UngmStage } from '../follow-up-answer.entity.js';
import type { Outcome, OutcomeReport, SeminarOutcome } from '../outcome-report.service.js';

/** `201` of a follow-up answer: what was stored. */
@ApiSchema({ name: 'FollowUpAnswer' })
export class FollowUpAnswerResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: UNGM_STAGES })
  ungmStage: UngmStage;

  @ApiProperty({ type: 'integer', nullable: true })
  bidsSubmitted: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  contractsWon: number | null;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, maximum: 5 })
  rating: number | null;

  @ApiProperty({ type: String, nullable: true })
  comment: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** Companies by their latest UNGM stage. */
@ApiSchema({ name: 'UngmStages' })
export class UngmStagesResponse implements Record<UngmStage, number> {
  @ApiProperty({ type: 'integer' })
  none: number;

  @ApiProperty({ type: 'integer', description: 'UNGM account created' })
  account: number;

  @ApiProperty({ type: 'integer', description: 'basic registration submitted' })
  basic: number;

  @ApiProperty({ type: 'integer', description: 'registered with at least one UN agency' })
  registered: number;

  @ApiProperty({ type: 'integer' })
  level1: number;

  @ApiProperty({ type: 'integer' })
  level2: number;
}

@ApiSchema({ name: 'Outcome' })
export class OutcomeResponse implements Outcome {
  @ApiProperty({ type: 'integer', description: 'distinct companies (BINs) with a check-in' })
  attendedCompanies: number;

  @ApiProperty({ type: 'integer', description: 'of those, companies that answered a follow-up at least once' })
  respondedCompanies: number;

  @ApiProperty({ type: UngmStagesResponse, description: 'latest stage per attended company that answered' })
  stages: UngmStagesResponse;

  @ApiProperty({ type: 'integer', description: 'registered + level1 + level2' })
  registeredOrBetter: number;

  @ApiProperty({ type: Number, nullable: true, description: 'registeredOrBetter / attendedCompanies; null when no company attended' })
  conversionRate: number | null;

  @ApiProperty({ type: 'integer', description: 'sum over the latest answers' })
  bidsSubmitted: number;

  @ApiProperty({ type: 'integer', description: 'sum over the latest answers' })
  contractsWon: number;

  @ApiProperty({ type: Number, nullable: true, description: 'mean of the latest ratings given, two decimals; null when none' })
  averageRating: number | null;
}

@ApiSchema({ name: 'SeminarOutcome' })
export class SeminarOutcomeResponse extends OutcomeResponse implements SeminarOutcome {
  @ApiProperty({ format: 'uuid' })
  seminarId: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;
}

@ApiSchema({ name: 'OutcomeReport' })
export class OutcomeReportResponse implements OutcomeReport {
  @ApiProperty({ type: OutcomeResponse, description: 'over every seminar in the range' })
  totals: OutcomeResponse;

  @ApiProperty({ type: [SeminarOutcomeResponse] })
  seminars: SeminarOutcomeResponse[];
}
