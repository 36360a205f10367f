import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'Erasure' })
export class ErasureResponse {
  @ApiProperty({ format: 'uuid', description: 'the registration' })
  id: string;

  @ApiProperty({ format: 'date-time', description: 'when its personal data was erased (the first time, when repeated)' })
  erasedAt: string;
}
