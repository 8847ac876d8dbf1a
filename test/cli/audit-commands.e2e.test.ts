import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { cli, runCli } from './support/ledger-cli';
import { walkthroughHistory } from './support/walkthrough-history';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The CLI's refusals and its view of the past, on the README walk-through's history in SQLite:
 * verify names the first broken link after a direct SQL edit; import refuses a non-empty store
 * and a tampered or truncated export without writing anything; replay shows a loan as it was.
 */
describe('ledger verify, import refusals and replay (the built CLI on SQLite)', () => {
  let dir: string;
  let source: string;
  let exported: string;
  let events: Json[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-cli-audit-'));
    fs.mkdirSync(path.join(dir, 'source'));
    source = await walkthroughHistory(path.join(dir, 'source'));
    exported = path.join(dir, 'export.ndjson');
    await cli(['export', '--store', source, '--out', exported]);
    events = fs
      .readFileSync(exported, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((line) => line.kind === 'event');
  }, 180_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const streamCount = () => new Set(events.map((event) => event.streamId)).size;
  const fresh = (name: string) => `sqlite:${path.join(dir, name)}`;
  const repayment = () => events.find((event) => event.type === 'RepaymentReceived');

  describe('verify', () => {
    it('is ok on the untouched store, with its counts', async () => {
      expect(await cli(['verify', '--store', source])).toBe(
        `ok: ${events.length} events in ${streamCount()} streams\n`,
      );
    });

    it('finds the store as the API does: LEDGER_EVENT_STORE, else events.sqlite under LEDGER_DATA_DIR; --store wins', async () => {
      const ok = `ok: ${events.length} events in ${streamCount()} streams\n`;
      expect(await cli(['verify'], { LEDGER_EVENT_STORE: source })).toBe(ok);
      const dataDir = path.dirname(source.slice('sqlite:'.length));
      expect(await cli(['verify'], { LEDGER_DATA_DIR: dataDir, LEDGER_EVENT_STORE: undefined })).toBe(ok);
      const elsewhere = { LEDGER_EVENT_STORE: fresh('nowhere.sqlite') };
      expect(await cli(['verify', '--store', source], elsewhere)).toBe(ok);
      const missing = await runCli(['verify'], elsewhere);
      expect(missing).toMatchObject({
        code: 78,
        stderr: `ledger verify: no event store at ${path.join(dir, 'nowhere.sqlite')}\n`,
      });
    });

    it('names the first broken link, exit 1, after one event was edited in the SQLite file', async () => {
      const file = path.join(dir, 'tampered.sqlite');
      fs.copyFileSync(source.slice('sqlite:'.length), file);
      const target = repayment();
      const db = new Database(file);
      db.prepare("UPDATE events SET data = json_set(data, '$.amount', '95000.00') WHERE position = ?").run(
        Number(target.position),
      );
      db.close();

      const human = await runCli(['verify', '--store', `sqlite:${file}`]);
      expect(human.code).toBe(1);
      expect(human.stdout).toMatch(
        new RegExp(
          `^broken: stream ${target.streamId} revision ${target.revision} at position ${target.position}: ` +
            `expected hash [0-9a-f]{64}, found ${target.hash} `,
        ),
      );
      const json = await runCli(['verify', '--json', '--store', `sqlite:${file}`]);
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout);
      expect(report).toMatchObject({
        ok: false,
        firstBrokenLink: {
          streamId: target.streamId,
          revision: target.revision,
          position: target.position,
          reason: 'hash',
          found: target.hash,
        },
      });
      expect(report.firstBrokenLink.expected).not.toBe(target.hash);
    });
  });

  describe('import', () => {
    it('refuses a store that already holds events, and writes nothing', async () => {
      const run = await runCli(['import', '--in', exported, '--store', source]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/the target store is not empty .*nothing was written/);
      expect(await cli(['verify', '--store', source])).toBe(
        `ok: ${events.length} events in ${streamCount()} streams\n`,
      );
    });

    it("refuses an export with one event's data edited, naming it, and writes nothing", async () => {
      const target = repayment();
      const tampered = path.join(dir, 'tampered.ndjson');
      const text = fs.readFileSync(exported, 'utf8');
      const line = text.split('\n').find((l) => l.includes(`"hash":"${target.hash}"`))!;
      fs.writeFileSync(tampered, text.replace(line, line.replace('"amount":"35000.00"', '"amount":"95000.00"')));
      expect(fs.readFileSync(tampered, 'utf8')).not.toBe(text);

      const run = await runCli(['import', '--in', tampered, '--store', fresh('from-tampered.sqlite')]);
      expect(run.code).toBe(65);
      expect(run.stderr).toContain(
        `the hash chain is broken at stream ${target.streamId} revision ${target.revision} (exported at position ${target.position})`,
      );
      expect(run.stderr).toContain('nothing was written');
      expect(await cli(['verify', '--store', fresh('from-tampered.sqlite')])).toBe('ok: 0 events in 0 streams\n');
    });

    it('refuses an export without its trailer (cut short), and writes nothing', async () => {
      const truncated = path.join(dir, 'truncated.ndjson');
      const lines = fs.readFileSync(exported, 'utf8').trimEnd().split('\n');
      fs.writeFileSync(truncated, `${lines.slice(0, -1).join('\n')}\n`);

      const run = await runCli(['import', '--in', truncated, '--store', fresh('from-truncated.sqlite')]);
      expect(run.code).toBe(65);
      expect(run.stderr).toContain('has no trailer: the export is incomplete');
      expect(await cli(['verify', '--store', fresh('from-truncated.sqlite')])).toBe('ok: 0 events in 0 streams\n');
    });
  });

  describe('rebuild-projections', () => {
    it('rebuilds one named projection, and refuses a name that is none', async () => {
      const readStore = `sqlite:${path.join(dir, 'read.sqlite')}`;
      expect(await cli(['rebuild-projections', 'claims', '--store', source, '--read-store', readStore])).toMatch(
        new RegExp(
          `^claims: rebuilt from ${events.length} events up to position ${events[events.length - 1].position}\n$`,
        ),
      );
      const run = await runCli(['rebuild-projections', 'claimz', '--store', source, '--read-store', readStore]);
      expect(run.code).toBe(64);
      expect(run.stderr).toContain('no projection named "claimz": use all or one of');
    });
  });

  describe('replay', () => {
    const replay = async (asOf: string) => {
      const loanId = repayment().data.loanId as string;
      return JSON.parse(
        await cli(['replay', '--json', '--store', source, '--aggregate', 'loan', '--id', loanId, '--as-of', asOf]),
      );
    };

    it('shows the loan as it was at a past position: before and at its repayment, and now', async () => {
      const repaid = repayment();
      const loanEvents = events.filter((event) => event.streamId === repaid.streamId);
      const before = loanEvents[repaid.revision - 1];

      const earlier = await replay(before.position);
      expect(earlier).toMatchObject({ revision: before.revision, position: before.position });
      expect(earlier.state).toMatchObject({
        status: 'active',
        servicing: { principalRepaid: '0.00', interestRepaid: '0.00' },
      });

      // 35,000.00 repaid: the month's interest 20,000.00 first, then 15,000.00 of principal.
      const at = await replay(repaid.position);
      expect(at).toMatchObject({ revision: repaid.revision, position: repaid.position });
      expect(at.state.servicing).toMatchObject({ principalRepaid: '15000.00', interestRepaid: '20000.00' });

      const now = await replay(events[events.length - 1].position);
      expect(now).toMatchObject({ revision: loanEvents.length - 1, eventsApplied: loanEvents.length });
      expect(now.state.status).toBe('written-off');
    });

    it('shows the loan as it was at a past moment (the clock that recorded each event)', async () => {
      const repaid = repayment();
      const justBefore = new Date(Date.parse(repaid.metadata.recordedAt) - 1).toISOString();
      const earlier = await replay(justBefore);
      expect(earlier).toMatchObject({ asOf: { time: justBefore }, revision: repaid.revision - 1 });
      expect(earlier.state).toMatchObject({ status: 'active', servicing: { principalRepaid: '0.00' } });

      const human = await cli([
        'replay',
        '--store',
        source,
        '--aggregate',
        'loan',
        '--id',
        repaid.data.loanId,
        '--as-of',
        repaid.metadata.recordedAt,
      ]);
      expect(human.split('\n')[0]).toMatch(
        new RegExp(`as of ${repaid.metadata.recordedAt}: revision (\\d+) at position`),
      );
    });

    it('refuses an as-of that is neither a position nor a time with its zone', async () => {
      const run = await runCli([
        'replay',
        '--store',
        source,
        '--aggregate',
        'loan',
        '--id',
        'x',
        '--as-of',
        '2026-03-01',
      ]);
      expect(run.code).toBe(64);
      expect(run.stderr).toContain('--as-of "2026-03-01" is not an ISO-8601 time with its zone');
    });
  });
});
