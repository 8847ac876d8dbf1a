import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsBusinessDate, IsMoney } from '../http';

export class ContributeCapitalRequest {
  @ApiProperty({ example: 'Fujian Provincial Finance Department' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  contributor!: string;

  @ApiProperty({ description: 'Decimal string, at most two places, above zero', example: '50000000.00' })
  @IsMoney({ positive: true })
  amount!: string;

  @ApiProperty({ example: '2025-01-10' })
  @IsBusinessDate()
  valueDate!: string;
}
