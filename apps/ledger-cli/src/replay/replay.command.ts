import type { AsOf, AggregateKind } from '@pledge-ledger/application';
import { parseAggregateKind, parseAsOf, replayAggregate, withUpcasting } from '@pledge-ledger/application';
import { DomainError } from '@pledge-ledger/domain';
import type { EventStore } from '@pledge-ledger/event-store';
import { CliError, EXIT } from '../cli-error';
import type { CommandOutput } from '../command-output';
import { toJson } from '../json-output';

/** The audit library's parsers (the API's too); their refusals become usage errors here. */
export function parseReplayArguments(aggregate: string, asOf: string): { aggregate: AggregateKind; asOf: AsOf } {
  try {
    return { aggregate: parseAggregateKind(aggregate), asOf: parseAsOf(asOf) };
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(error.message.replace(/^asOf/, '--as-of'), EXIT.usage);
    throw error;
  }
}

/**
 * `ledger replay --aggregate <kind> --id <id> --as-of <position|time>`: the aggregate folded by
 * its decider up to that point (libs/application's replayAggregate, what GET
 * /v1/audit/{aggregate}/{id}/state answers), with the revision and position it stopped at.
 * Money in the state is written as the API writes it ("15000.00").
 */
export async function replayCommand(
  store: EventStore,
  aggregate: AggregateKind,
  id: string,
  asOf: AsOf,
  json: boolean,
): Promise<CommandOutput> {
  let replayed;
  try {
    // The decider folds today's shapes: older events upcast, as the API's replay reads them.
    replayed = await replayAggregate(withUpcasting(store), aggregate, id, asOf);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not-found') throw new CliError(error.message);
    throw error;
  }
  if (json) return { exitCode: EXIT.ok, text: toJson(replayed) };
  const point = 'position' in replayed.asOf ? replayed.asOf.position : replayed.asOf.time;
  return {
    exitCode: EXIT.ok,
    text:
      `${aggregate} ${id} as of ${point}: revision ${replayed.revision} at position ${replayed.position} ` +
      `(${replayed.eventsApplied} events applied)\n${toJson(replayed.state, 2)}`,
  };
}
