import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate } from '../http';

export class DeclareDefaultRequest {
  @ApiProperty({ description: 'The loan must be past the default threshold on this date', example: '2025-08-10' })
  @IsBusinessDate()
  asOf!: string;
}
