import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate, IsLedgerId } from '../http';

export class EnrolLoanRequest {
  @ApiProperty({ example: 'loan-2025-0001' })
  @IsLedgerId()
  loanId!: string;

  @ApiProperty({ example: '2025-03-06' })
  @IsBusinessDate()
  enrolledOn!: string;
}
