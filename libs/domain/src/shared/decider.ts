/**
 * The shape of every aggregate: pure functions, no I/O, no clock of their own.
 * `decide` returns the events a command causes or throws a DomainError;
 * `evolve` folds one event into the state.
 */
export interface Actor {
  readonly sub: string;
  readonly role: Role;
  readonly bankId?: string;
  readonly enterpriseId?: string;
}

export type Role = 'admin' | 'bank' | 'enterprise' | 'fund-manager' | 'auditor' | 'system';

/** Who asks, and when: every command carries it, the domain never reads a clock. */
export interface CommandMetadata {
  readonly actor: Actor;
  /** ISO-8601 timestamp of the moment the command is decided. */
  readonly now: string;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** A domain event before it is stored: data is plain JSON (money as two-decimal strings). */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface Decider<C extends Command, E extends DomainEvent, S> {
  readonly initialState: S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): E[];
}

/** State after folding a history. */
export function foldEvents<E extends DomainEvent, S>(
  decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>,
  events: readonly E[],
): S {
  return events.reduce(decider.evolve, decider.initialState);
}

/** Makes a missing case of a discriminated union a compile error. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
