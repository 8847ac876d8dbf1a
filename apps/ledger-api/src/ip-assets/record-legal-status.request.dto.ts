import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INVALIDATION_OUTCOMES, type InvalidationOutcome } from '@pledge-ledger/domain';
import { IsIn, IsString, MaxLength, MinLength, registerDecorator, ValidateIf } from 'class-validator';
import { IsBusinessDate } from '../http';

export const LEGAL_STATUS_EVENTS = [
  'annual-fee-lapsed',
  'annual-fee-paid',
  'invalidation-filed',
  'invalidation-resolved',
] as const;
export type LegalStatusEvent = (typeof LEGAL_STATUS_EVENTS)[number];

const INVALIDATION_EVENTS: readonly LegalStatusEvent[] = ['invalidation-filed', 'invalidation-resolved'];

/** A field that belongs to some events only: refused (not ignored) on the others. */
function OnlyFor(events: readonly LegalStatusEvent[]) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name: 'onlyFor',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown, args) =>
          value === undefined || events.includes((args?.object as RecordLegalStatusRequest).event),
        defaultMessage: () => `${propertyName} belongs only to event ${events.join(' or ')}`,
      },
    });
  };
}

/**
 * One change of the asset's legal status, told by `event`: a lapsed or paid annual fee, or an
 * invalidation case filed or resolved (those two name the case; a resolution its outcome).
 */
export class RecordLegalStatusRequest {
  @ApiProperty({ enum: LEGAL_STATUS_EVENTS })
  @IsIn(LEGAL_STATUS_EVENTS)
  event!: LegalStatusEvent;

  @ApiProperty({ description: 'The date of the lapse, payment, filing or resolution', example: '2025-03-01' })
  @IsBusinessDate()
  date!: string;

  @ApiPropertyOptional({ description: 'The invalidation case (invalidation events only)', example: '4W112233' })
  @ValidateIf(
    (request: RecordLegalStatusRequest) =>
      INVALIDATION_EVENTS.includes(request.event) || request.caseNumber !== undefined,
  )
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @OnlyFor(INVALIDATION_EVENTS)
  caseNumber?: string;

  @ApiPropertyOptional({ enum: INVALIDATION_OUTCOMES, description: 'invalidation-resolved only' })
  @ValidateIf(
    (request: RecordLegalStatusRequest) => request.event === 'invalidation-resolved' || request.outcome !== undefined,
  )
  @IsIn(INVALIDATION_OUTCOMES)
  @OnlyFor(['invalidation-resolved'])
  outcome?: InvalidationOutcome;
}
