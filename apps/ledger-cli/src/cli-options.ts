import { parseArgs } from 'node:util';
import { CliError, EXIT } from './cli-error';

export const COMMANDS = ['verify', 'replay', 'rebuild-projections', 'export', 'import'] as const;
export type CommandName = (typeof COMMANDS)[number];

export const USAGE = `usage: ledger <command> [--store <url>] [--json]
  verify                                   recompute every hash chain; exit 1 at the first broken link
  replay --aggregate <loan|claim|fund|ip-asset|enterprise|bank> --id <id> --as-of <position|ISO time>
                                           an aggregate's state at that point of history
  rebuild-projections [<name>|all]         rebuild read models from position 0 (--read-store <url>)
  export [--out <file>]                    every event with its hash as NDJSON (docs/export-format.md)
  import --in <file>                       an export into an empty store, checked before and after
--store overrides LEDGER_EVENT_STORE (default sqlite:$LEDGER_DATA_DIR/events.sqlite).`;

export interface CliOptions {
  readonly command: CommandName;
  readonly positionals: readonly string[];
  readonly store?: string;
  readonly readStore?: string;
  readonly json: boolean;
  readonly out?: string;
  readonly in?: string;
  readonly aggregate?: string;
  readonly id?: string;
  readonly asOf?: string;
}

const COMMON = { store: { type: 'string' }, json: { type: 'boolean' } } as const;
const OPTIONS = {
  verify: COMMON,
  replay: { ...COMMON, aggregate: { type: 'string' }, id: { type: 'string' }, 'as-of': { type: 'string' } },
  'rebuild-projections': { ...COMMON, 'read-store': { type: 'string' } },
  export: { ...COMMON, out: { type: 'string' } },
  import: { ...COMMON, in: { type: 'string' } },
} as const;
const MAX_POSITIONALS: Record<CommandName, number> = {
  verify: 0,
  replay: 0,
  'rebuild-projections': 1,
  export: 0,
  import: 0,
};

/** The command and its options; anything unknown, missing or extra is a usage error (exit 64). */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command as CommandName)) {
    throw new CliError(`unknown command "${command ?? ''}"\n${USAGE}`, EXIT.usage);
  }
  const name = command as CommandName;
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: OPTIONS[name], allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage);
  }
  if (parsed.positionals.length > MAX_POSITIONALS[name]) {
    throw new CliError(`unexpected argument "${parsed.positionals[MAX_POSITIONALS[name]]}"`, EXIT.usage);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const text = (key: string): string | undefined => {
    const value = values[key];
    if (value === '') throw new CliError(`--${key} must not be empty`, EXIT.usage);
    return value as string | undefined;
  };
  return {
    command: name,
    positionals: parsed.positionals,
    store: text('store'),
    readStore: text('read-store'),
    json: values.json === true,
    out: text('out'),
    in: text('in'),
    aggregate: text('aggregate'),
    id: text('id'),
    asOf: text('as-of'),
  };
}

export function required(value: string | undefined, flag: string): string {
  if (value === undefined) throw new CliError(`${flag} is required`, EXIT.usage);
  return value;
}
