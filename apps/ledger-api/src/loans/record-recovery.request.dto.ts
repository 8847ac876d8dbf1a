import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECOVERY_SOURCES, type RecoverySource } from '@pledge-ledger/domain';
import { IsIn, IsOptional } from 'class-validator';
import { IsBusinessDate, IsLedgerId, IsMoney } from '../http';

export class RecordRecoveryRequest {
  @ApiProperty({ description: 'Gross amount recovered, above zero', example: '800000.00' })
  @IsMoney({ positive: true })
  amount!: string;

  @ApiProperty({ enum: RECOVERY_SOURCES })
  @IsIn(RECOVERY_SOURCES)
  source!: RecoverySource;

  @ApiProperty({ example: '2025-11-20' })
  @IsBusinessDate()
  valueDate!: string;

  @ApiPropertyOptional({ description: "The pledged asset sold (required for 'pledge-enforcement')" })
  @IsOptional()
  @IsLedgerId()
  assetId?: string;

  @ApiPropertyOptional({ description: 'Costs of the recovery; "0.00" when absent', example: '20000.00' })
  @IsOptional()
  @IsMoney()
  costs?: string;
}
