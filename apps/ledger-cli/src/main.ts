#!/usr/bin/env node
/**
 * The ledger's audit and operations command line (DESIGN.md section 5): verify, replay,
 * rebuild-projections, export and import. The commands arrive with issue 6.
 */
const USAGE = 'usage: ledger <verify|replay|rebuild-projections|export|import> [options]';

function main(argv: readonly string[]): number {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 64 : 0;
  }
  process.stderr.write(`Unknown command "${argv[0]}"\n${USAGE}\n`);
  return 64;
}

process.exitCode = main(process.argv.slice(2));
