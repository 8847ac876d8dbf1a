import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGGREGATE_KINDS, AS_OF_FORMAT, parseAsOf, parseInstant } from '@pledge-ledger/application';
import { DomainError } from '@pledge-ledger/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, registerDecorator } from 'class-validator';
import { LEDGER_ID_PATTERN } from '../http';
import { PageDto, POSITION_PATTERN, POSITION_PROBLEM, ReadDto } from '../read-side/read.dto';

/** Stream ids are `<aggregate>-<id>`: the id's alphabet, a little longer. */
export const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** A query parameter the application's parser must accept; its message (which says why) is the problem. */
function ParsedBy(parse: (text: string) => unknown) {
  return (target: object, propertyName: string | symbol): void => {
    const problem = (value: unknown): string | null => {
      try {
        parse(value as string);
        return null;
      } catch (error) {
        if (error instanceof DomainError) return error.message;
        throw error;
      }
    };
    registerDecorator({
      name: 'parsedBy',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && problem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? (problem(args.value) ?? 'is invalid')
            : `${String(propertyName)} must be given once`,
      },
    });
  };
}

/** `minPosition` is accepted like on every GET; nothing to wait for: these read the event store itself. */
export class AuditEventsDto extends PageDto {
  @ApiPropertyOptional({ description: 'Events strictly after this position (the `nextCursor` of the previous page)' })
  @IsOptional()
  @Matches(POSITION_PATTERN, { message: `after ${POSITION_PROBLEM}` })
  after?: string;

  @ApiPropertyOptional({ description: 'Only the events of this stream', example: 'loan-loan-1' })
  @IsOptional()
  @Matches(STREAM_ID, { message: 'stream must be a stream id such as loan-L1: letters, digits, "_" or "-"' })
  stream?: string;

  @ApiPropertyOptional({ description: 'Only events of this type', example: 'RepaymentReceived' })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9]{0,99}$/, { message: 'type must be an event type such as RepaymentReceived' })
  type?: string;

  @ApiPropertyOptional({ description: "Only events caused by this person (the token's `sub`)", example: 'alice' })
  @IsOptional()
  @Matches(/^\P{Cc}{1,200}$/u, { message: "actor must be a person's id (the token's sub), 1 to 200 characters" })
  actor?: string;

  @ApiPropertyOptional({ description: 'Only events caused by this request or flow', example: 'walkthrough-7' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, {
    message: 'correlationId must be a correlation id: letters, digits and "._:-", at most 128',
  })
  correlationId?: string;

  @ApiPropertyOptional({ description: 'Only events recorded at or after this time', example: '2026-03-01T00:00:00Z' })
  @IsOptional()
  @ParsedBy((text) => parseInstant(text, 'from'))
  from?: string;

  @ApiPropertyOptional({
    description: 'Only events recorded before this time (exclusive)',
    example: '2026-04-01T00:00:00Z',
  })
  @IsOptional()
  @ParsedBy((text) => parseInstant(text, 'to'))
  to?: string;
}

export class AuditStreamDto extends PageDto {
  @ApiPropertyOptional({
    description: 'First revision to return (the `nextRevision` of the previous page)',
    default: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'fromRevision must be a whole number from 0' })
  @Min(0, { message: 'fromRevision must be a whole number from 0' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'fromRevision must be a whole number from 0' })
  fromRevision?: number;
}

/** A point in history: absent means the head of the store now. */
export class AsOfQueryDto extends ReadDto {
  @ApiPropertyOptional({ description: `The point in history: ${AS_OF_FORMAT}. Default: now`, example: '42' })
  @IsOptional()
  @ParsedBy(parseAsOf)
  asOf?: string;
}

export class AggregateStateParams {
  @ApiProperty({ enum: AGGREGATE_KINDS, example: 'loan' })
  @IsIn(AGGREGATE_KINDS, { message: `aggregate must be one of ${AGGREGATE_KINDS.join(', ')}` })
  aggregate!: string;

  @ApiProperty({ example: 'loan-1' })
  @Matches(LEDGER_ID_PATTERN, { message: 'id must be an id: letters, digits, "_" or "-"' })
  id!: string;
}
