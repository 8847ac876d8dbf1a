import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate } from '../http';

export class AssessDelinquencyRequest {
  @ApiProperty({ description: 'Days past due and bucket as of this date', example: '2025-08-10' })
  @IsBusinessDate()
  asOf!: string;
}
