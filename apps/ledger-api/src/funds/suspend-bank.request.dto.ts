import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsBusinessDate } from '../http';

export class SuspendBankRequest {
  @ApiProperty({ example: 'Reporting overdue' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;

  @ApiProperty({ example: '2025-06-01' })
  @IsBusinessDate()
  suspendedOn!: string;
}
