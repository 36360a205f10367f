import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, NotEquals } from 'class-validator';

export class BookMeetingDto {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @MaxLength(36)
  slotId: string;
}

/** A walk-in at the door: who (ticket code) takes which slot. */
export class WalkInDto {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @MaxLength(36)
  slotId: string;

  @ApiProperty({ example: 'ABCD2345EF' })
  @IsString()
  @MaxLength(64)
  ticketCode: string;
}

/** Mark held by the registrant's ticket code at a desk (the door's alternative to the meeting id). */
export class HeldByTicketDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  deskId: string;

  @ApiProperty({ example: 'ABCD2345EF' })
  @IsString()
  @MaxLength(64)
  ticketCode: string;
}

export class OpenRoundDto {
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 10, required: false, description: 'how many desks a registrant may rank (default 3, also when null)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  maxChoices?: number;
}

export class MeetingRequestDto {
  @ApiProperty({ type: [String], description: 'desk ids, first choice first' })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @NotEquals(null, { each: true })
  deskIds: string[];
}
