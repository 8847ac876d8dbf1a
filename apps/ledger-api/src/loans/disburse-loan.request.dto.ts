import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate } from '../http';

export class DisburseLoanRequest {
  @ApiProperty({
    description: 'The whole principal is paid out on this date; the schedule starts here',
    example: '2025-03-05',
  })
  @IsBusinessDate()
  valueDate!: string;
}
