import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate } from '../http';

/** The payout is computed from the fund's figures at approval; the body only dates the approval. */
export class ApproveClaimRequest {
  @ApiProperty({ example: '2025-08-25' })
  @IsBusinessDate()
  approvedOn!: string;
}
