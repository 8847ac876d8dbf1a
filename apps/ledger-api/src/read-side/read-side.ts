import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '@pledge-ledger/application';
import { comparePositions, START, type After, type EventStore } from '@pledge-ledger/event-store';
import type { ReadStore } from '@pledge-ledger/read-models';
import { NotFoundForCallerError, toReadError } from './read-errors';
import type { ReadQuery, Revisioned } from './read-query';
import { READ_STORE } from './read-side.tokens';
import { ReadYourWrites } from './read-your-writes';

/** How far back a stream is read to find the revision a view's checkpoint reflects. */
const REVISION_LOOKBACK = 32;

/** The aggregate a one-aggregate read is about: its stream gives the ETag, its kind and id the 404. */
export interface ReadSubject {
  readonly kind: string;
  readonly id: string;
  readonly streamId: string;
}

/**
 * What every query handler does around its read-model query: waits for `minPosition`, runs the
 * query with the caller, turns the read models' errors into HTTP ones, answers 404 for nothing.
 */
@Injectable()
export class ReadSide {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** A read of many rows (a list, a page) from `views`. */
  async many<T>(
    query: ReadQuery<unknown, unknown>,
    views: readonly string[],
    run: (readStore: ReadStore) => Promise<T>,
  ): Promise<T> {
    try {
      await this.reach(query.minPosition, views);
      return await run(this.readStore);
    } catch (error) {
      throw toReadError(error);
    }
  }

  /** A read of one thing from `view` (a dashboard): 404 when the caller may not see it or it does not exist. */
  async single<T>(
    query: ReadQuery<unknown, unknown>,
    view: string,
    subject: Omit<ReadSubject, 'streamId'>,
    run: (readStore: ReadStore) => Promise<T | null>,
  ): Promise<T> {
    try {
      await this.reach(query.minPosition, [view]);
      const found = await run(this.readStore);
      if (found === null) throw new NotFoundForCallerError(subject.kind, subject.id);
      return found;
    } catch (error) {
      throw toReadError(error);
    }
  }

  /**
   * A read of one aggregate from `view`, with the revision of its stream the view reflects: the
   * revision at the view's checkpoint read before the query, never after what the rows show (a
   * stale ETag costs a 412 and a re-read; one ahead of the rows would let If-Match pass unseen).
   */
  async one<T>(
    query: ReadQuery<unknown, unknown>,
    view: string,
    subject: ReadSubject,
    run: (readStore: ReadStore) => Promise<T | null>,
  ): Promise<Revisioned<T>> {
    try {
      await this.reach(query.minPosition, [view]);
      const checkpoint = await this.readYourWrites.checkpoint(view);
      const found = await run(this.readStore);
      if (found === null) throw new NotFoundForCallerError(subject.kind, subject.id);
      return { view: found, revision: await this.revisionAt(subject.streamId, checkpoint) };
    } catch (error) {
      throw toReadError(error);
    }
  }

  private async reach(position: After | undefined, views: readonly string[]): Promise<void> {
    if (position !== undefined) await this.readYourWrites.waitFor(position, views);
  }

  private async revisionAt(streamId: string, checkpoint: After): Promise<number | null> {
    if (checkpoint === START) return null;
    const events = await this.store.readStream(streamId, { direction: 'backwards', maxCount: REVISION_LOOKBACK });
    const reflected = events.find((event) => comparePositions(event.position, checkpoint) <= 0);
    return reflected?.revision ?? null;
  }
}
