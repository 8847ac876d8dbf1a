import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ENTERPRISE_SIZES, type EnterpriseSize } from '@pledge-ledger/domain';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsCreditCode, IsLedgerId } from '../http';
import { ContactRequest } from './contact.request.dto';

export class RegisterEnterpriseRequest {
  @ApiPropertyOptional({ description: 'The enterprise id; a new UUID when absent', example: 'minjiang-optics' })
  @IsOptional()
  @IsLedgerId()
  enterpriseId?: string;

  @ApiProperty({ example: 'Minjiang Optics Co., Ltd.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: 'Unified social credit code (18 characters, check character validated)' })
  @IsCreditCode()
  creditCode!: string;

  @ApiProperty({ description: 'Region of registration', example: 'Fujian/Fuzhou' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  region!: string;

  @ApiProperty({ enum: ENTERPRISE_SIZES })
  @IsIn(ENTERPRISE_SIZES)
  size!: EnterpriseSize;

  @ApiPropertyOptional({
    type: ContactRequest,
    nullable: true,
    description: 'The contact person; stored only encrypted, and erasable (POST /v1/enterprises/{id}/contact-erasures)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactRequest)
  contact?: ContactRequest | null;
}
