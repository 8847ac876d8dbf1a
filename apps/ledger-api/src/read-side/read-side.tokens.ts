/** Injection token of the process's ReadStore (LEDGER_READ_STORE), migrated and open. */
export const READ_STORE = Symbol('READ_STORE');

/** Injection token of the in-process Projector, or null when LEDGER_PROJECTIONS=off. */
export const PROJECTOR = Symbol('PROJECTOR');
