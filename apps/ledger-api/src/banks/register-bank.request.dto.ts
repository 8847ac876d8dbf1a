import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsCreditCode, IsLedgerId } from '../http';

export class RegisterBankRequest {
  @ApiPropertyOptional({ description: 'The bank id; a new UUID when absent', example: 'fjbank' })
  @IsOptional()
  @IsLedgerId()
  bankId?: string;

  @ApiProperty({ example: 'Fujian Pilot Bank' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: 'Unified social credit code (18 characters, check character validated)' })
  @IsCreditCode()
  creditCode!: string;
}
