import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate } from '../http';

export class WriteOffLoanRequest {
  @ApiProperty({ example: '2025-12-31' })
  @IsBusinessDate()
  valueDate!: string;
}
