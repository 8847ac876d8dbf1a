import { ApiPropertyOptional } from '@nestjs/swagger';
import { parsePosition, type After } from '@pledge-ledger/event-store';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsBusinessDate, IsLedgerId } from '../http';

/** A global position as the API writes it: "42" on SQL stores, "commit/prepare" on EventStoreDB. */
export const POSITION_PATTERN = /^\d{1,20}(\/\d{1,20})?$/;
export const POSITION_PROBLEM = 'must be a position as a command returns it, e.g. "42" or "42/40"';

export const MAX_PAGE_SIZE = 500;

/** What every GET accepts: read your own writes. */
export class ReadDto {
  @ApiPropertyOptional({
    description:
      'The `position` a command returned: the answer reflects at least that write. Waits up to LEDGER_READ_WAIT_MS ' +
      '(default 5 s) for the read models, then answers 503 PROJECTION.LAGGING.',
    example: '42',
  })
  @IsOptional()
  @Matches(POSITION_PATTERN, { message: `minPosition ${POSITION_PROBLEM}` })
  minPosition?: string;
}

/** A page of a list: its size. Each list adds its own cursor (`after`). */
export class PageDto extends ReadDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  limit?: number;
}

/** A page keyed by id: `after` is the `nextCursor` of the previous page. */
export class IdPageDto extends PageDto {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsLedgerId({ message: 'after must be the nextCursor of a previous page' })
  after?: string;
}

/** Figures computed as of a business date (default today, UTC). */
export class AsOfDto extends ReadDto {
  @ApiPropertyOptional({ description: 'ISO business date the figures are computed as of; default today (UTC)' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
}

/** The year whose annual caps a dashboard shows. */
export class YearDto extends ReadDto {
  @ApiPropertyOptional({ description: 'Calendar year of the annual caps; default the latest business year seen' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a year from 2000 to 2999' })
  @Min(2000, { message: 'year must be a year from 2000 to 2999' })
  @Max(2999, { message: 'year must be a year from 2000 to 2999' })
  year?: number;
}

export function minPositionOf(dto: ReadDto): After | undefined {
  return dto.minPosition === undefined ? undefined : parsePosition(dto.minPosition);
}
