import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-test-server';
import { createTestSchema, type TestSchema } from '../support/postgres';
import { cli } from './support/ledger-cli';
import { readModelRows } from './support/read-model-rows';
import { walkthroughHistory } from './support/walkthrough-history';

/**
 * The cross-adapter round trip through the built CLI: the README walk-through's history (30
 * events) exported from SQLite, imported into PostgreSQL, exported, imported into EventStoreDB
 * (the in-process test server), exported, imported back into a fresh SQLite file. The same
 * content at the same revision has the same hash on every adapter, so every export's event lines
 * must be byte-identical except their positions; and read models rebuilt from each store must hold
 * the same rows.
 */
describe('ledger export / import: SQLite -> PostgreSQL -> EventStoreDB -> SQLite', () => {
  let dir: string;
  let pg: TestSchema;
  let esdb: EsdbTestServer;
  let stores: { name: string; url: string }[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-cli-round-trip-'));
    fs.mkdirSync(path.join(dir, 'source'));
    const source = await walkthroughHistory(path.join(dir, 'source'));
    pg = await createTestSchema();
    esdb = await startEsdbTestServer();
    stores = [
      { name: 'sqlite', url: source },
      { name: 'postgres', url: `${pg.url}?schema=${pg.schema}` },
      { name: 'esdb', url: esdb.url },
      { name: 'sqlite', url: `sqlite:${path.join(dir, 'back.sqlite')}` },
    ];
  }, 180_000);

  afterAll(async () => {
    await esdb?.stop();
    await pg?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const exportFile = (i: number) => path.join(dir, `export-${i}.ndjson`);
  const lines = (i: number) => fs.readFileSync(exportFile(i), 'utf8').trimEnd().split('\n');
  const parsed = (i: number) => lines(i).map((line) => JSON.parse(line));
  const independentCheck = (file: string) =>
    new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [path.resolve(__dirname, '../../tools/verify-export.mjs'), file],
        (error, _out, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
      ),
    );
  /** An event line with its position blanked: what must be identical across adapters. */
  const withoutPosition = (line: string) => line.replace(/^\{"kind":"event","position":"[^"]*",/, '{"kind":"event",');

  it('carries every event with its hash through each adapter; verify is ok on each; rebuilt read models are identical', async () => {
    await cli(['export', '--store', stores[0].url, '--out', exportFile(0)]);
    const events = parsed(0).filter((line) => line.kind === 'event');
    const streams = new Set(events.map((event) => event.streamId)).size;
    expect(events.length).toBeGreaterThanOrEqual(30);
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['ClaimPaid', 'LoanWrittenOff']));

    for (let i = 1; i < stores.length; i++) {
      const imported = await cli(['import', '--in', exportFile(i - 1), '--store', stores[i].url]);
      expect(imported).toBe(
        `imported ${events.length} events in ${streams} streams into ${stores[i].name}; every hash read back equals the export's\n`,
      );
      await cli(['export', '--store', stores[i].url, '--out', exportFile(i)]);
    }

    for (let i = 0; i < stores.length; i++) {
      const [header, ...rest] = parsed(i);
      expect(header).toMatchObject({ kind: 'header', format: 'pledge-ledger/export', source: stores[i].name });
      expect(rest[rest.length - 1]).toEqual({ kind: 'trailer', events: events.length, streams });
      expect(lines(i).slice(1, -1).map(withoutPosition)).toEqual(lines(0).slice(1, -1).map(withoutPosition));
      // A program written from docs/export-format.md alone agrees (tools/verify-export.mjs).
      expect(await independentCheck(exportFile(i))).toEqual({ code: 0, stderr: '' });
      const verified = JSON.parse(await cli(['verify', '--json', '--store', stores[i].url]));
      expect(verified).toMatchObject({
        ok: true,
        eventsChecked: events.length,
        streamsChecked: streams,
        firstBrokenLink: null,
      });
    }
    // EventStoreDB's positions are its own (commit/prepare log offsets), not the SQL stores' 1..N.
    expect(
      parsed(2)
        .slice(1, -1)
        .map((e) => e.position),
    ).not.toEqual(events.map((e) => e.position));

    const rows = [];
    for (let i = 0; i < stores.length; i++) {
      const readStore = path.join(dir, `read-${i}.sqlite`);
      const rebuilt = await cli([
        'rebuild-projections',
        'all',
        '--store',
        stores[i].url,
        '--read-store',
        `sqlite:${readStore}`,
      ]);
      expect(rebuilt).toMatch(new RegExp(`^fund-dashboard: rebuilt from ${events.length} events`, 'm'));
      rows.push(readModelRows(readStore));
    }
    // Not vacuous: the walk-through's fund paid one claim on one loan and the journal balances.
    expect(rows[0].fund_dashboard_funds).toHaveLength(1);
    expect(rows[0].claims).toHaveLength(1);
    expect(rows[0].loan_view).toHaveLength(1);
    expect(rows[0].journal_account_balances.length).toBeGreaterThan(3);
    for (let i = 1; i < stores.length; i++) expect(rows[i]).toEqual(rows[0]);
  }, 300_000);
});
