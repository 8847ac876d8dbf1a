import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsBusinessDate, IsMoney } from '../http';

export class RecordValuationRequest {
  @ApiProperty({ example: 'Fujian Zhongxin Appraisal' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  appraiser!: string;

  @ApiProperty({ description: 'Decimal string, at most two places, above zero', example: '3200000.00' })
  @IsMoney({ positive: true })
  value!: string;

  @ApiProperty({ example: '2025-01-10' })
  @IsBusinessDate()
  valuationDate!: string;
}
