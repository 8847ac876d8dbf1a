import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate, IsLedgerId } from '../http';

/** A claim on the caller's own defaulted, enrolled loan; the claim's id is the loan's. */
export class FileClaimRequest {
  @ApiProperty({ example: 'loan-2025-0001' })
  @IsLedgerId()
  loanId!: string;

  @ApiProperty({ example: '2025-08-20' })
  @IsBusinessDate()
  filedOn!: string;
}
