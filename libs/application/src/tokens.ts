/** Injection token of the process's one EventStore (chosen by LEDGER_EVENT_STORE). */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Injection token of the Clock: the only source of "now" for commands. */
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  /** ISO-8601 timestamp. */
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };
