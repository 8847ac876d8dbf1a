import { ApiProperty } from '@nestjs/swagger';
import { CERTIFICATIONS, type Certification } from '@pledge-ledger/domain';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsBusinessDate } from '../http';

export class RevokeCertificationRequest {
  @ApiProperty({ enum: CERTIFICATIONS })
  @IsIn(CERTIFICATIONS)
  certification!: Certification;

  @ApiProperty({ example: '2025-06-30' })
  @IsBusinessDate()
  revocationDate!: string;

  @ApiProperty({ example: 'Annual review failed' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}
