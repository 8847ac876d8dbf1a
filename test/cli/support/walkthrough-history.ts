import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { startLedger } from '../../support/ledger-process';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * A realistic history in a SQLite event store: the README walk-through (scripts/walkthrough.sh,
 * the whole lifecycle from registering the bank to the write-off, process managers included) run
 * over HTTP against the built API on `dataDir`, with the real clock. The API is stopped before
 * this returns, so the CLI is the only one touching the files afterwards. Returns the store URL.
 */
export async function walkthroughHistory(dataDir: string): Promise<string> {
  const env = {
    LEDGER_DATA_DIR: dataDir,
    LEDGER_EVENT_STORE: `sqlite:${path.join(dataDir, 'events.sqlite')}`,
    LEDGER_READ_STORE: `sqlite:${path.join(dataDir, 'read-models.sqlite')}`,
    LEDGER_PROJECTIONS: 'in-process',
  };
  const ledger = await startLedger(env);
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        'bash',
        [path.join(ROOT, 'scripts/walkthrough.sh')],
        { cwd: ROOT, env: { ...process.env, ...env, BASE_URL: ledger.baseUrl }, timeout: 100_000 },
        (error, _stdout, stderr) => (error ? reject(new Error(`walkthrough failed: ${stderr}`)) : resolve()),
      );
    });
  } finally {
    await ledger.stop();
  }
  return env.LEDGER_EVENT_STORE;
}
