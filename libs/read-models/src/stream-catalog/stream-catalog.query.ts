import type { Actor } from '@pledge-ledger/event-store';
import type { ReadStore } from '../read-store/read-store';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import { StreamCatalogRow } from './stream-catalog.entity';

export interface ListStreamsQuery {
  /** Only streams of this aggregate type (`loan`, `ip`...). */
  readonly aggregateType?: string;
  /** Cursor: the `nextCursor` of the previous page. */
  readonly after?: string;
  /** Page size, 1 to 500. Default 50. */
  readonly limit?: number;
}

export interface StreamSummary {
  readonly streamId: string;
  readonly aggregateType: string;
  readonly eventCount: number;
  readonly lastRevision: number;
  readonly lastEventType: string;
  readonly lastPosition: string;
  readonly firstRecordedAt: string;
  readonly lastRecordedAt: string;
}

export interface StreamPage {
  readonly items: StreamSummary[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** Every stream is visible here, so only the roles that may see every event may list them. */
const ALLOWED_ROLES = new Set(['auditor', 'admin']);

/** Streams ordered by id, a page at a time (keyset pagination: stable while streams are added). */
export async function listStreams(
  readStore: ReadStore,
  caller: Actor,
  query: ListStreamsQuery = {},
): Promise<StreamPage> {
  if (!ALLOWED_ROLES.has(caller.role)) throw new ReadAccessDeniedError('stream-catalog', caller.role);
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 500);
  const builder = readStore.queries.getRepository(StreamCatalogRow).createQueryBuilder('s');
  if (query.aggregateType !== undefined) builder.andWhere('s.aggregateType = :type', { type: query.aggregateType });
  if (query.after !== undefined) builder.andWhere('s.streamId > :after', { after: query.after });
  const rows = await builder
    .orderBy('s.streamId', 'ASC')
    .limit(limit + 1)
    .getMany();
  const items = rows.slice(0, limit).map((row) => ({ ...row }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].streamId : null };
}
