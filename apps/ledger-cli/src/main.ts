#!/usr/bin/env node
/**
 * The ledger's audit and operations command line (DESIGN.md section 5): verify, replay,
 * rebuild-projections, export and import, on the store LEDGER_EVENT_STORE (or --store) names.
 * Exit 0 on success; otherwise one line on stderr and a code from cli-error.ts.
 */
import { existsSync } from 'node:fs';
import type { EventStore } from '@pledge-ledger/event-store';
import { openEventStore } from '@pledge-ledger/event-store';
import { CliError, EXIT } from './cli-error';
import { parseCliOptions, required, USAGE, type CliOptions } from './cli-options';
import type { CommandOutput } from './command-output';
import { exportCommand } from './export/export.command';
import { importCommand } from './import/import.command';
import { parseProjectionTarget, rebuildProjectionsCommand } from './rebuild/rebuild-projections.command';
import { parseReplayArguments, replayCommand } from './replay/replay.command';
import { eventStoreUrl, readStoreUrl, redactUrl, storeKind } from './store-settings';
import { verifyCommand } from './verify/verify.command';

async function run(options: CliOptions): Promise<CommandOutput> {
  const url = eventStoreUrl(options.store);
  // Checked before any store is opened, so a usage error never creates or touches a store.
  const prepared = prepare(options);
  const store = await open(url, options.command !== 'import');
  try {
    return await prepared(store, url);
  } finally {
    await store.close();
  }
}

/**
 * A command ready to run on the raw store: verify, export and import read and write exactly what
 * was stored (and hashed); replay and rebuild wrap it in the upcasting decorator themselves, as
 * the application's deciders and projections read.
 */
type Prepared = (store: EventStore, url: string) => Promise<CommandOutput>;

function prepare(options: CliOptions): Prepared {
  const { command, json } = options;
  switch (command) {
    case 'verify':
      return (store) => verifyCommand(store, json);
    case 'replay': {
      const { aggregate, asOf } = parseReplayArguments(
        required(options.aggregate, '--aggregate'),
        required(options.asOf, '--as-of'),
      );
      const id = required(options.id, '--id');
      return (store) => replayCommand(store, aggregate, id, asOf, json);
    }
    case 'rebuild-projections': {
      const readUrl = readStoreUrl(options.readStore);
      const target = parseProjectionTarget(options.positionals[0]);
      return (store) => rebuildProjectionsCommand(store, readUrl, target, json);
    }
    case 'export':
      return (store, url) => exportCommand(store, storeKind(url), options.out, json);
    case 'import': {
      const file = required(options.in, '--in');
      if (!existsSync(file)) throw new CliError(`${file} does not exist`, EXIT.dataError);
      return (store, url) => importCommand(store, storeKind(url), file, json);
    }
  }
}

/** Reading commands refuse a SQLite file that is not there rather than create an empty store and report on it. */
async function open(url: string, mustExist: boolean): Promise<EventStore> {
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : null;
  if (mustExist && file !== null && file !== ':memory:' && !existsSync(file)) {
    throw new CliError(`no event store at ${file}`, EXIT.config);
  }
  try {
    return await openEventStore(url);
  } catch (error) {
    throw new CliError(`cannot open the event store ${redactUrl(url)}: ${(error as Error).message}`, EXIT.config);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  try {
    const output = await run(parseCliOptions(argv));
    if (output.text !== '') process.stdout.write(`${output.text}\n`);
    return output.exitCode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`ledger ${argv[0]}: ${message}\n`);
    return error instanceof CliError ? error.exitCode : EXIT.failed;
  }
}

// Exit once stdout is flushed (an export to a pipe may still be in flight); process.exit also ends
// any client a store left open.
void main(process.argv.slice(2)).then((code) => process.stdout.write('', () => process.exit(code)));
