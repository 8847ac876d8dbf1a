import type { Command, Decider, DomainEvent } from '../shared/decider';
import { foldEvents } from '../shared/decider';

/**
 * given(events).when(command).then(events) / .thenThrows(ErrorClass) for decider specs.
 * Used by the *.decider.spec.ts files; jest's expect is taken from the global scope.
 */
export function deciderSpec<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return {
    given: (history: readonly E[]) => ({
      when: (command: C) => {
        const run = (): E[] => decider.decide(command, foldEvents(decider, history));
        return {
          then: (expected: readonly E[]): void => {
            expect(run()).toEqual(expected);
          },
          thenThrows: (errorClass: abstract new (...args: never[]) => Error, code?: string): void => {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(errorClass);
            if (code !== undefined) expect((thrown as { code?: string }).code).toBe(code);
          },
          /** The events, for assertions on part of them (e.g. a calculation trace). */
          events: run,
        };
      },
    }),
  };
}
