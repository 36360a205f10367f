import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'LocalizedTitle' })
export class LocalizedTitleResponse {
  @ApiProperty()
  ru: string;

  @ApiProperty()
  kk: string;

  @ApiProperty()
  en: string;
}

@ApiSchema({ name: 'UnspscSegment' })
export class UnspscSegmentResponse {
  @ApiProperty({ pattern: '^\\d{2}$', example: '46' })
  code: string;

  @ApiProperty({ type: LocalizedTitleResponse })
  title: LocalizedTitleResponse;
}
