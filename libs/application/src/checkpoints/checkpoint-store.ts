import type { After } from '@pledge-ledger/event-store';

/**
 * Where a feed consumer (process manager) remembers how far it got. Consumers are idempotent,
 * so a checkpoint that lags behind the work only causes harmless re-runs, never lost work.
 */
export interface CheckpointStore {
  load(consumer: string): Promise<After>;
  save(consumer: string, position: After): Promise<void>;
  close(): Promise<void>;
}

/** Injection token of the CheckpointStore the process managers keep their positions in. */
export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');
