import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IP_ASSET_KINDS, type IpAssetKind } from '@pledge-ledger/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsBusinessDate, IsLedgerId, IsPatentNumber } from '../http';

export class RegisterIpAssetRequest {
  @ApiPropertyOptional({ description: 'The asset id; a new UUID when absent', example: 'cn-2021-1-0123456' })
  @IsOptional()
  @IsLedgerId()
  ipAssetId?: string;

  @ApiProperty({ enum: IP_ASSET_KINDS })
  @IsIn(IP_ASSET_KINDS)
  kind!: IpAssetKind;

  @ApiProperty({
    description: 'Patent application number (check character validated), or a trademark registration number',
    example: '202110345678.3',
  })
  @ValidateIf((request: RegisterIpAssetRequest) => request.kind !== 'trademark')
  @IsPatentNumber()
  @IsString()
  @MaxLength(32)
  number!: string;

  @ApiProperty({ example: 'Aspheric lens grinding fixture' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiProperty({ description: 'One or more registered enterprises', type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsLedgerId({ each: true })
  ownerEnterpriseIds!: string[];

  @ApiProperty({ example: '2022-08-16' })
  @IsBusinessDate()
  grantDate!: string;

  @ApiProperty({ description: 'Last day the right is in force', example: '2041-03-01' })
  @IsBusinessDate()
  expiryDate!: string;
}
