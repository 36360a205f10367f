import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** A company as the API shows it: one per BIN, with its UNGM profile. */
@ApiSchema({ name: 'Company' })
export class CompanyResponse {
  @ApiProperty({ example: 'Steppe Supplies LLP', description: 'the latest spelling given for this BIN' })
  name: string;

  @ApiProperty({ pattern: '^\\d{12}$', example: '000740001307' })
  bin: string;

  @ApiProperty({ type: String, nullable: true })
  city: string | null;

  @ApiProperty({ type: String, nullable: true })
  sector: string | null;

  @ApiProperty({ type: [String], example: ['25101503'], description: '8-digit UNSPSC commodity codes (at most 50)' })
  unspscCodes: string[];

  @ApiProperty({ type: String, nullable: true, example: '123456', description: 'UNGM vendor number' })
  ungmNumber: string | null;
}
