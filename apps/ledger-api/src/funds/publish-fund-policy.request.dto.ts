import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { CERTIFICATIONS, FUND_ENTERPRISE_SIZES, type FundEnterpriseSize } from '@pledge-ledger/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, IsMoney } from '../http';

/** Loans with a principal up to `upToPrincipal` (inclusive) are covered at `ratioBps`. */
export class CoverageTierRequest {
  @ApiProperty({ example: '5000000.00' })
  @IsMoney({ positive: true })
  upToPrincipal!: string;

  @ApiProperty({ type: 'integer', description: 'Coverage ratio in basis points (4000 = 40 %)', example: 4000 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  ratioBps!: number;
}

export class PublishFundPolicyRequest {
  @ApiProperty({ type: 'integer', description: 'Above every version published before', example: 1 })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ type: [CoverageTierRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CoverageTierRequest)
  coverageTiers!: CoverageTierRequest[];

  @ApiProperty({ example: '3000000.00' })
  @IsMoney({ positive: true })
  perLoanCap!: string;

  @ApiProperty({ example: '10000000.00' })
  @IsMoney({ positive: true })
  perBankAnnualCap!: string;

  @ApiProperty({ type: 'integer', example: 90 })
  @IsInt()
  @Min(1)
  @Max(3650)
  defaultThresholdDays!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Bad-loan ratio above which a bank is suspended, in basis points',
    example: 500,
  })
  @IsInt()
  @Min(0)
  @Max(10_000)
  bankSuspensionBadLoanRatioBps!: number;

  @ApiProperty({ enum: FUND_ENTERPRISE_SIZES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(FUND_ENTERPRISE_SIZES, { each: true })
  eligibleEnterpriseSizes!: FundEnterpriseSize[];

  @ApiProperty({ enum: CERTIFICATIONS, isArray: true, description: 'Empty: any enterprise' })
  @IsArray()
  @ArrayUnique()
  @IsIn(CERTIFICATIONS, { each: true })
  eligibleCertifications!: string[];

  @ApiProperty({ example: '30000000.00' })
  @IsMoney({ positive: true })
  maxLoanPrincipal!: string;

  @ApiProperty({ description: 'A payout strictly above this needs two different fund managers', example: '1000000.00' })
  @IsMoney()
  dualApprovalThreshold!: string;

  @ApiProperty({ example: '2025-01-15' })
  @IsBusinessDate()
  effectiveFrom!: string;
}
