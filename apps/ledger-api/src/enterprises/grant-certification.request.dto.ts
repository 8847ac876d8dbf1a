import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CERTIFICATIONS, type Certification } from '@pledge-ledger/domain';
import { IsIn, IsOptional } from 'class-validator';
import { IsBusinessDate } from '../http';

export class GrantCertificationRequest {
  @ApiProperty({ enum: CERTIFICATIONS })
  @IsIn(CERTIFICATIONS)
  certification!: Certification;

  @ApiProperty({ example: '2024-12-01' })
  @IsBusinessDate()
  grantDate!: string;

  @ApiPropertyOptional({ description: 'Last day valid; absent or null when it does not expire', nullable: true })
  @IsOptional()
  @IsBusinessDate()
  expiryDate?: string | null;
}
