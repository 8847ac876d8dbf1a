import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, IsLedgerId, IsMoney } from '../http';

export const REPAYMENT_METHODS = ['equal-instalments', 'bullet'] as const;

/** One asset pledged to the loan, with what its pledge registration needs. */
export class LoanPledgeRequest {
  @ApiProperty({ example: 'lens-fixture' })
  @IsLedgerId()
  assetId!: string;

  @ApiProperty({ description: 'Pledge registration number with CNIPA (质押登记号)', example: 'Y2025980001234' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  registrationNumber!: string;

  @ApiProperty({ description: 'Co-owners other than the borrower who consented in writing', type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsLedgerId({ each: true })
  consentingOwnerIds!: string[];
}

/**
 * A loan of the caller's bank (the token's bankId) against pledged assets. There is no `loanId`:
 * the server names every loan (a UUID, in the answer's `id`). Loan ids are one namespace across
 * banks, so a client-chosen id that another bank already used could only be refused, and that
 * refusal would confirm the other bank's loan exists (issue 5). A retry is made safe by the
 * Idempotency-Key instead: it answers the first response, with the same id.
 */
export class OriginateLoanRequest {
  @ApiProperty({ example: 'minjiang-optics' })
  @IsLedgerId()
  enterpriseId!: string;

  @ApiProperty({ description: 'Decimal string, at most two places, above zero', example: '3000000.00' })
  @IsMoney({ positive: true })
  principal!: string;

  @ApiProperty({ type: 'integer', description: 'Annual rate in basis points (385 = 3.85 %)', example: 385 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  annualRateBps!: number;

  @ApiProperty({ type: 'integer', example: 12 })
  @IsInt()
  @Min(1)
  @Max(360)
  termMonths!: number;

  @ApiProperty({ enum: REPAYMENT_METHODS })
  @IsIn(REPAYMENT_METHODS)
  repaymentMethod!: string;

  @ApiProperty({ example: '2025-03-01' })
  @IsBusinessDate()
  originationDate!: string;

  @ApiProperty({ type: [LoanPledgeRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LoanPledgeRequest)
  pledges!: LoanPledgeRequest[];
}
