import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsBusinessDate } from '../http';

export class RejectClaimRequest {
  @ApiProperty({ example: 'Default not documented' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;

  @ApiProperty({ example: '2025-08-25' })
  @IsBusinessDate()
  rejectedOn!: string;
}
