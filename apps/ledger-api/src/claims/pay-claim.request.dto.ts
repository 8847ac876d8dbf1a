import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate } from '../http';

export class PayClaimRequest {
  @ApiProperty({
    description: 'Value date of the payment, when this request is the one that pays (not when already paid)',
    example: '2025-08-26',
  })
  @IsBusinessDate()
  valueDate!: string;
}
