import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NoControlChars, trimmedOptional } from '../../common/validators.js';
import { UNGM_STAGES, type UngmStage } from '../follow-up-answer.entity.js';

/** `POST /api/registrations/:token/follow-up` and the follow-up page's form. */
export class FollowUpDto {
  @ApiProperty({ enum: UNGM_STAGES, description: 'none, account (created), basic (basic registration submitted), registered (with at least one UN agency), level1, level2' })
  @IsIn(UNGM_STAGES, { message: `ungmStage must be one of ${UNGM_STAGES.join(', ')}` })
  ungmStage: UngmStage;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 10000, description: 'UN tenders the company has bid for since the seminar (null: not given)' })
  @IsOptional()
  @IsInt({ message: 'bidsSubmitted must be a whole number' })
  @Min(0)
  @Max(10000)
  bidsSubmitted?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 10000, description: 'UN contracts or purchase orders won since the seminar (null: not given)' })
  @IsOptional()
  @IsInt({ message: 'contractsWon must be a whole number' })
  @Min(0)
  @Max(10000)
  contractsWon?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 5, description: 'how useful the seminar was, 1 to 5 (null: not given)' })
  @IsOptional()
  @IsInt({ message: 'rating must be a whole number from 1 to 5' })
  @Min(1, { message: 'rating must be a whole number from 1 to 5' })
  @Max(5, { message: 'rating must be a whole number from 1 to 5' })
  rating?: number;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, description: 'null: not given' })
  @trimmedOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @NoControlChars({ multiline: true })
  comment?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'the FOLLOWUP_DAYS mark of the email that led here (null: not given)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  mark?: number;
}
