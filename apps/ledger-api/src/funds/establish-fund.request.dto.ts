import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsBusinessDate, IsLedgerId } from '../http';

export class EstablishFundRequest {
  @ApiPropertyOptional({ description: 'The fund id; a new UUID when absent', example: 'fujian-ip-fund' })
  @IsOptional()
  @IsLedgerId()
  fundId?: string;

  @ApiProperty({ example: 'Fujian IP Pledge Risk Compensation Fund' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '2025-01-02' })
  @IsBusinessDate()
  establishedOn!: string;
}
