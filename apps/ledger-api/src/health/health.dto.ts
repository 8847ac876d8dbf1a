import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessReportDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

export class ReadinessCheckDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why the check is down', example: 'connect ECONNREFUSED 127.0.0.1:5432' })
  error?: string;
}

export class ReadinessChecksDto {
  @ApiProperty({ type: ReadinessCheckDto, description: 'Answers with its head position when up' })
  eventStore!: ReadinessCheckDto;

  @ApiProperty({ type: ReadinessCheckDto })
  readStore!: ReadinessCheckDto;

  @ApiPropertyOptional({
    type: ReadinessCheckDto,
    description:
      'Only with LEDGER_PROJECTIONS=in-process: down when a projection is not running or failed in the last 15 s',
  })
  projections?: ReadinessCheckDto;
}

export class ReadinessReportDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status!: 'ok' | 'unavailable';

  @ApiProperty({ type: ReadinessChecksDto })
  checks!: ReadinessChecksDto;
}
