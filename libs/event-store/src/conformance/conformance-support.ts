import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from '../errors';
import type { EventData, EventMetadata, NewEvent, RecordedEvent } from '../event';
import type { AllSubscription, EventStore, ExpectedRevision } from '../event-store';
import { comparePositions, formatPosition } from '../position';

/** Helpers of the conformance suite. Test code only: it uses jest's `expect`. */

/** A fresh stream id, so tests never meet each other's streams even in a store they share. */
export function newStreamId(label: string): string {
  return `conformance_${label}-${randomUUID()}`;
}

export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    eventId: randomUUID(),
    actor: { sub: 'officer-1', role: 'bank-officer', bankId: 'bank-1' },
    correlationId: randomUUID(),
    causationId: null,
    recordedAt: new Date().toISOString(),
    schemaVersion: 1,
    ...overrides,
  };
}

export function newEvent(type = 'Tested', data: EventData = {}, meta: Partial<EventMetadata> = {}): NewEvent {
  return { type, data, metadata: metadata(meta) };
}

/** `count` events whose data says which append and index they came from. */
export function newEvents(count: number, tag: string): NewEvent[] {
  return Array.from({ length: count }, (_, index) => newEvent(`Tested${index % 3}`, { tag, index }));
}

export function eventIds(events: readonly (NewEvent | RecordedEvent)[]): string[] {
  return events.map((event) => event.metadata.eventId);
}

export async function expectConcurrencyError(
  attempt: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: number | 'no-stream',
): Promise<void> {
  const error = await attempt.then(
    () => new Error(`The append to "${streamId}" expecting ${String(expected)} succeeded; it should have been refused`),
    (refusal: unknown) => refusal,
  );
  expect(error).toBeInstanceOf(ConcurrencyError);
  expect(error).toMatchObject({ name: 'ConcurrencyError', streamId, expected, actual });
}

/** Asserts the call returns a promise that rejects with `type` (a synchronous throw fails the test). */
export async function expectRejection(call: () => Promise<unknown>, type: new (...args: never[]) => Error) {
  let attempt: Promise<unknown> | undefined;
  expect(() => {
    attempt = call();
  }).not.toThrow();
  await expect(attempt).rejects.toBeInstanceOf(type);
}

export function expectStrictlyIncreasing(events: readonly RecordedEvent[]): void {
  for (let index = 1; index < events.length; index++) {
    const previous = events[index - 1].position;
    const current = events[index].position;
    if (comparePositions(previous, current) >= 0) {
      throw new Error(
        `Positions not strictly increasing at index ${index}: ${formatPosition(previous)} then ${formatPosition(current)}`,
      );
    }
  }
}

/** Reads everything strictly after `after` in pages of `pageSize`, keeping the events of `streams`. */
export async function readAllOf(
  store: EventStore,
  after: Parameters<EventStore['readAll']>[0]['after'],
  streams: ReadonlySet<string>,
  pageSize = 100,
): Promise<RecordedEvent[]> {
  const found: RecordedEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.readAll({ after: cursor, maxCount: pageSize });
    if (page.length === 0) return found;
    found.push(...page.filter((event) => streams.has(event.streamId)));
    cursor = page[page.length - 1].position;
  }
}

export function withDeadline<T>(promise: Promise<T>, timeoutMs: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms: ${describe()}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Pulls a subscription one event at a time, keeping everything delivered (other tests' events
 * included, when the store is shared) so order and exactly-once can be checked afterwards.
 */
export class SubscriptionReader {
  readonly delivered: RecordedEvent[] = [];
  private readonly iterator: AsyncIterator<RecordedEvent>;
  private pending: Promise<IteratorResult<RecordedEvent>> | null = null;

  constructor(
    readonly subscription: AllSubscription,
    private readonly timeoutMs = 15_000,
  ) {
    this.iterator = subscription[Symbol.asyncIterator]();
  }

  /** Waits for the next `count` events of `streams`, failing after the timeout. */
  async take(count: number, streams: ReadonlySet<string>): Promise<RecordedEvent[]> {
    const taken: RecordedEvent[] = [];
    const deadline = Date.now() + this.timeoutMs;
    while (taken.length < count) {
      const result = await this.next(deadline, () => `the subscription delivered ${taken.length} of ${count} events`);
      if (result.done) throw new Error(`The subscription ended after ${taken.length} of ${count} events`);
      if (streams.has(result.value.streamId)) taken.push(result.value);
    }
    return taken;
  }

  /** Drains until the subscription ends (after close), failing if it does not end in time. */
  async expectEnded(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const result = await this.next(deadline, () => 'the subscription did not end after close()');
      if (result.done) return;
    }
  }

  /** Events of `streams` delivered so far, in delivery order. */
  of(streams: ReadonlySet<string>): RecordedEvent[] {
    return this.delivered.filter((event) => streams.has(event.streamId));
  }

  private async next(deadline: number, describe: () => string): Promise<IteratorResult<RecordedEvent>> {
    this.pending ??= this.iterator.next();
    const result = await withDeadline(this.pending, Math.max(1, deadline - Date.now()), describe);
    this.pending = null;
    if (!result.done) this.delivered.push(result.value);
    return result;
  }
}
