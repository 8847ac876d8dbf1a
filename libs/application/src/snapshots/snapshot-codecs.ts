import { loanDecider } from '@pledge-ledger/domain';
import { loanSnapshotCodec } from './loan.snapshot-codec';
import type { SnapshotCodec } from './snapshot-codec';

/**
 * The aggregates whose streams are snapshotted, by decider. Only the loan: its stream grows with
 * every repayment (thousands of events over a long loan); the others' streams stay short (a fund's
 * grows with its enrolments and claims, but by tens a year), where reading the stream costs less
 * than a snapshot's extra round trip.
 */
export const snapshotCodecs: ReadonlyMap<object, SnapshotCodec<unknown>> = new Map<object, SnapshotCodec<unknown>>([
  [loanDecider, loanSnapshotCodec as SnapshotCodec<unknown>],
]);
