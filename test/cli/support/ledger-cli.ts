import { execFile } from 'node:child_process';
import * as path from 'node:path';

const MAIN = path.resolve(__dirname, '../../../apps/ledger-cli/dist/main.js');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI (`node apps/ledger-cli/dist/main.js`) as a real process. Asynchronous on
 * purpose: the EventStoreDB test server it may talk to runs in this (the test's) process.
 */
export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  // A setting given as undefined is removed from the inherited environment.
  const merged = Object.fromEntries(
    Object.entries({ ...process.env, LOG_LEVEL: 'silent', ...env }).filter(([, value]) => value !== undefined),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { env: merged, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs the CLI expecting success; a failure shows its stderr in the test's message. */
export async function cli(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const run = await runCli(args, env);
  if (run.code !== 0) throw new Error(`ledger ${args.join(' ')} exited ${run.code}:\n${run.stderr}${run.stdout}`);
  return run.stdout;
}
