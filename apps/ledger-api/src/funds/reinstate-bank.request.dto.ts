import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsBusinessDate } from '../http';

export class ReinstateBankRequest {
  @ApiProperty({ example: 'Reports filed' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;

  @ApiProperty({ example: '2025-07-01' })
  @IsBusinessDate()
  reinstatedOn!: string;
}
