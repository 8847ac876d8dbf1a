import { startLedger, type LedgerProcess } from '../support/ledger-process';
import { expectHistoryAndReadModelsSound, expectTrialBalanceBalanced } from './r1-checks';
import { crashUnderLoad, R1_JWT_SECRET, r1Queues, r1Tokens, settleQueues, setUpR1World } from './r1-load';
import { createSchemas, privateClusterSupport, startPrivateCluster, type PrivateCluster } from './r1-private-postgres';
import { r1Size } from './r1-size';

const support = privateClusterSupport();
/**
 * Not in the normal suite, only in `npm run test:r1` (LEDGER_R1 set): each crash leaves keys
 * claimed that answer 409 IDEMPOTENCY.IN_PROGRESS for the interceptor's 120 s staleAfterMs, so one
 * run takes over two minutes. (It found the cut-off gap now closed by the events' commandId: a
 * repayment appended just before the database went down, its answer never stored, used to be
 * recorded twice when re-sent with its key; test/idempotency/cut-off-attempts.e2e.test.ts.)
 */
const skipReason =
  'unavailable' in support
    ? support.unavailable
    : process.env.LEDGER_R1 === undefined
      ? 'runs with `npm run test:r1` only (over two minutes; see the comment above)'
      : null;
if (skipReason) console.warn(`R1 PostgreSQL crash test skipped: ${skipReason}`);
const describeWithCluster = skipReason ? describe.skip : describe;

/**
 * R1 with both stores on PostgreSQL: the database server is stopped with `pg_ctl -m immediate`
 * (no checkpoint: crash recovery at the next start) while commands are in flight, and started
 * again; the API process stays up throughout and must serve again without a restart. A private
 * cluster (r1-private-postgres.ts), never the machine's shared one.
 */
describeWithCluster('R1: PostgreSQL stopped with -m immediate under load', () => {
  const size = r1Size();
  let cluster: PrivateCluster | undefined;
  let api: LedgerProcess | undefined;

  afterAll(async () => {
    await api?.stop('SIGKILL');
    await cluster?.destroy();
  });

  it(
    `keeps every acknowledged command exactly once across ${size.crashes} database crashes, books balanced, read models equal to a rebuild`,
    async () => {
      cluster = await startPrivateCluster();
      await createSchemas(cluster.url, ['events', 'reads']);
      const env = {
        LEDGER_EVENT_STORE: `${cluster.url}?schema=events`,
        LEDGER_READ_STORE: `${cluster.url}?schema=reads`,
        LEDGER_JWT_SECRET: R1_JWT_SECRET,
      };
      api = await startLedger(env);
      const queues = r1Queues(await setUpR1World(api.baseUrl, size.loans), size.commandsPerQueue);
      const total = queues.flat().length;

      const cutOff: number[] = [];
      for (let crash = 0; crash < size.crashes; crash++) {
        const database = cluster;
        cutOff.push(
          await crashUnderLoad(api.baseUrl, queues, Math.floor(total / (size.crashes + 1)), () => database.crash()),
        );
        await database.start();
        // The same process serves again once its pools reconnect: ready within seconds.
        expect(await waitReady(api)).toBe(200);
      }
      expect(cutOff.every((n) => n > 0)).toBe(true);
      const settling = Date.now();
      await settleQueues(api.baseUrl, queues, size.settleMs);
      console.log(
        `R1 PostgreSQL: ${total} commands, ${size.crashes} immediate shutdowns cutting off ${cutOff.join(', ')}; ` +
          `${queues.flat().filter((c) => c.inProgress).length} keys found still claimed after recovery; ` +
          `all acknowledged ${Date.now() - settling} ms after the last restart`,
      );

      await expectTrialBalanceBalanced(api.baseUrl, r1Tokens().auditor);
      expect(await api.stop('SIGTERM')).toBe(0);
      api = undefined;

      await expectHistoryAndReadModelsSound({
        eventStoreUrl: env.LEDGER_EVENT_STORE,
        readStoreUrl: env.LEDGER_READ_STORE,
        env,
        commands: queues.flat(),
        loans: size.loans,
      });
    },
    size.timeoutMs,
  );
});

async function waitReady(api: LedgerProcess, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (api.child.exitCode !== null) throw new Error(`The API exited (${api.child.exitCode}):\n${api.output()}`);
    const status = await fetch(`${api.baseUrl}/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200 || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
