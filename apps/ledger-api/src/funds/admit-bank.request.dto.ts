import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate, IsLedgerId } from '../http';

export class AdmitBankRequest {
  @ApiProperty({ example: 'fjbank' })
  @IsLedgerId()
  bankId!: string;

  @ApiProperty({ example: '2025-01-20' })
  @IsBusinessDate()
  admittedOn!: string;
}
