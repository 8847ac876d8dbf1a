import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate, IsMoney } from '../http';

export class ReceiveRepaymentRequest {
  @ApiProperty({ description: 'Decimal string, at most two places, above zero', example: '10520.83' })
  @IsMoney({ positive: true })
  amount!: string;

  @ApiProperty({ example: '2025-04-05' })
  @IsBusinessDate()
  valueDate!: string;
}
