import type { ExpectedRevision } from './event-store';

/** The actual state of a stream when an append was refused: its last revision, or that it does not exist. */
export type ActualRevision = number | 'no-stream';

/** One error type for an expected-revision mismatch, whatever the adapter. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`Stream "${streamId}" expected revision ${String(expected)} but is at ${String(actual)}`);
  }
}

/** An append the store refused before writing anything (empty stream id, no events, bad revision...). */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
}
