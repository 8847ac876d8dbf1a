/**
 * Injection token of the process's EventStore (chosen by LEDGER_EVENT_STORE) as the application
 * reads it: every event upcast to its current schema (withUpcasting). For commands, projections,
 * process managers and replays.
 */
export const EVENT_STORE = Symbol('EVENT_STORE');

/**
 * The same store, raw: events exactly as stored (and hashed). Only for the audit history and
 * hash-chain verification, which must show and check what was written, never an upcast copy.
 */
export const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');

/** Injection token of the Clock: the only source of "now" for commands. */
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  /** ISO-8601 timestamp. */
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

/**
 * Injection token of the Snapshots (snapshots/snapshots.ts) command handlers load aggregates from
 * and write snapshots with. Optional: not provided, or provided as null, every load folds the
 * whole stream (LEDGER_SNAPSHOT_EVERY=0).
 */
export const SNAPSHOTS = Symbol('SNAPSHOTS');
