import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLedger, type LedgerProcess } from '../support/ledger-process';
import { expectHistoryAndReadModelsSound, expectTrialBalanceBalanced } from './r1-checks';
import { crashUnderLoad, R1_JWT_SECRET, r1Queues, r1Tokens, settleQueues, setUpR1World } from './r1-load';
import { r1Size } from './r1-size';

/**
 * R1 on the embedded default (SQLite event store and read models): the API process is killed with
 * SIGKILL while commands are in flight, restarted, and the commands without an answer are sent
 * again with their Idempotency-Key. The normal suite runs a short variant; `npm run test:r1` a
 * longer one (r1-size.ts).
 */
describe('R1: the API killed with SIGKILL under load (SQLite)', () => {
  const size = r1Size();
  let dataDir: string;
  let api: LedgerProcess | undefined;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-sqlite-'));
  });

  afterAll(async () => {
    await api?.stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    `keeps every acknowledged command exactly once across ${size.crashes} kills, books balanced, read models equal to a rebuild`,
    async () => {
      const env = { LEDGER_DATA_DIR: dataDir, LEDGER_JWT_SECRET: R1_JWT_SECRET };
      api = await startLedger(env);
      const queues = r1Queues(await setUpR1World(api.baseUrl, size.loans), size.commandsPerQueue);
      const total = queues.flat().length;

      const cutOff: number[] = [];
      for (let crash = 0; crash < size.crashes; crash++) {
        const running = api;
        cutOff.push(
          await crashUnderLoad(running.baseUrl, queues, Math.floor(total / (size.crashes + 1)), async () => {
            await running.stop('SIGKILL');
          }),
        );
        api = await startLedger(env);
      }
      // Each kill cut off the command each worker had in flight.
      expect(cutOff.every((n) => n > 0)).toBe(true);
      const settling = Date.now();
      await settleQueues(api.baseUrl, queues, size.settleMs);
      console.log(
        `R1 SQLite: ${total} commands, ${size.crashes} SIGKILLs cutting off ${cutOff.join(', ')} in flight; ` +
          `${queues.flat().filter((c) => c.inProgress).length} keys found still claimed after a restart; ` +
          `all acknowledged ${Date.now() - settling} ms after the last restart`,
      );

      await expectTrialBalanceBalanced(api.baseUrl, r1Tokens().auditor);
      expect(await api.stop('SIGTERM')).toBe(0);
      api = undefined;

      await expectHistoryAndReadModelsSound({
        eventStoreUrl: `sqlite:${path.join(dataDir, 'events.sqlite')}`,
        readStoreUrl: `sqlite:${path.join(dataDir, 'read-models.sqlite')}`,
        env,
        commands: queues.flat(),
        loans: size.loans,
      });
    },
    size.timeoutMs,
  );
});
