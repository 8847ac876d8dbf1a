import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  formatPosition,
  parsePosition,
  verifyChains,
  type ChainedEvent,
  type Position,
} from '@pledge-ledger/event-store';
import { exportCommand } from '../../apps/ledger-cli/src/export/export.command';
import { ProjectionRunner } from '../../libs/read-models/src/projections/projection-runner';
import type { ReadStore } from '../../libs/read-models/src/read-store/read-store';
import { DIALECTS, ReadModelFixture } from '../../libs/read-models/src/testing/read-model-fixture';
import { journalProjection } from '../../libs/read-models/src/journal/journal.projection';
import { getTrialBalance } from '../../libs/read-models/src/journal/journal.query';
import { newEvent } from '../../libs/read-models/src/journal/testing/journal-of';
import { LedgerModel } from '../../libs/read-models/src/journal/testing/ledger-model';
import { STANDARD_LIFECYCLE } from '../../libs/read-models/src/journal/testing/standard-lifecycle';
import { step } from '../../libs/read-models/src/journal/testing/steps';

/**
 * tools/verify-export.mjs is the auditor's independent check: one file, written from
 * docs/export-format.md and docs/chart-of-accounts.md, importing nothing of the ledger. Here it
 * runs as its own process on the ledger's export, and must agree with the ledger: the same hash
 * chains (and the same first broken link when the file is tampered with) and the same trial balance,
 * account by account, as the journal projection.
 */
const VERIFIER = path.join(__dirname, '../../tools/verify-export.mjs');
const auditor = { sub: 'audit-1', role: 'auditor' };
const TIMEOUT = 120_000;

interface VerifierRun {
  readonly status: number;
  readonly report: Record<string, unknown> & {
    ok: boolean;
    events: number;
    streams: number;
    firstBrokenLink: { streamId: string; revision: number; reason: string; expected: string; found: string } | null;
    trialBalance: {
      balanced: boolean;
      accounts: { account: string; debit: string; credit: string; balance: string }[];
      totals: { debit: string; credit: string; balance: string };
    };
  };
  readonly stderr: string;
}

function runVerifier(file: string): Promise<VerifierRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [VERIFIER, file, '--json'], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (status === -1) return reject(error);
      resolve({ status, report: stdout ? JSON.parse(stdout) : null, stderr });
    });
  });
}

/** An export's event line as the ledger's own verifyChains takes it. */
function asChained(line: string): ChainedEvent {
  const event = JSON.parse(line);
  return { ...event, position: parsePosition(event.position) as Position };
}

/** The standard lifecycle, then a random but valid stretch of further business (fixed seed). */
function history(): LedgerModel {
  const model = new LedgerModel('10000000.00');
  for (const s of STANDARD_LIFECYCLE) if (!model.apply(s)) throw new Error(`refused: ${JSON.stringify(s)}`);
  for (const s of fc.sample(step, { numRuns: 120, seed: 20261125 })) model.apply(s);
  return model;
}

describe.each(DIALECTS)('the standalone verifier on an export from %s', (dialect) => {
  let fixture: ReadModelFixture;
  let readStore: ReadStore;
  let dir: string;
  let file: string;
  let lines: string[];

  beforeAll(async () => {
    fixture = await ReadModelFixture.create(dialect);
    readStore = await fixture.openReadStore();
    const runner = new ProjectionRunner(fixture.events, readStore, journalProjection, { batchSize: 100 });
    await runner.start();
    let last: Position | undefined;
    for (const event of history().events) {
      last = (await fixture.events.append(event.streamId, [newEvent(event)], 'any')).position;
    }
    await runner.waitFor(last!, 30_000);
    await runner.stop();
    dir = mkdtempSync(path.join(tmpdir(), 'verify-export-'));
    file = path.join(dir, 'ledger.ndjson');
    // The ledger's own export (`ledger export`), as an auditor would be handed it.
    const exported = await exportCommand(fixture.events, dialect, file, false);
    expect(exported.exitCode).toBe(0);
    lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  }, TIMEOUT);

  afterAll(async () => {
    await fixture?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds every chain intact, as the ledger does, and the books balanced', async () => {
    const { status, report } = await runVerifier(file);
    const ledger = await verifyChains(lines.slice(1, -1).map(asChained));
    expect(ledger.ok).toBe(true);
    expect(status).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.firstBrokenLink).toBeNull();
    expect(report.events).toBe(ledger.eventsChecked);
    expect(report.streams).toBe(ledger.streamsChecked);
    expect(report.trialBalance.balanced).toBe(true);
  });

  it('recomputes the trial balance of the ledger, account by account', async () => {
    const { report } = await runVerifier(file);
    const ledger = await getTrialBalance(readStore, auditor);
    expect(ledger.accounts.length).toBeGreaterThan(10);
    expect(report.trialBalance.accounts).toEqual(
      ledger.accounts.map(({ account, debit, credit, balance }) => ({ account, debit, credit, balance })),
    );
    expect(report.trialBalance.totals).toEqual(ledger.totals);
    expect(report.trialBalance.accounts).toContainEqual(
      expect.objectContaining({ account: 'fund:F1:compensation-expense', debit: expect.any(String) }),
    );
  });

  it('names the event whose amount was edited in the file, as the ledger names it', async () => {
    const index = lines.findIndex((line) => line.includes('"type":"RepaymentReceived"'));
    const edited = JSON.parse(lines[index]);
    edited.data.amount = '1.00';
    const tampered = [...lines];
    tampered[index] = JSON.stringify(edited);
    const tamperedFile = path.join(dir, 'tampered.ndjson');
    writeFileSync(tamperedFile, `${tampered.join('\n')}\n`);

    const { status, report } = await runVerifier(tamperedFile);
    const ledger = await verifyChains(tampered.slice(1, -1).map(asChained));
    expect(status).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.firstBrokenLink).toMatchObject({
      streamId: edited.streamId,
      revision: edited.revision,
      reason: 'hash',
    });
    expect(report.firstBrokenLink).toEqual({
      ...ledger.firstBrokenLink,
      position: formatPosition(ledger.firstBrokenLink!.position!),
    });
  });

  it('names the gap where an event was removed, and refuses a file whose trailer does not count it', async () => {
    const events = lines.map((line) => JSON.parse(line));
    const index = events.findIndex(
      (event) =>
        event.kind === 'event' &&
        event.revision === 1 &&
        events.some((later) => later.streamId === event.streamId && later.revision === 2),
    );
    const removed = JSON.parse(lines[index]);
    const shortened = lines.filter((_, i) => i !== index);
    const trailer = JSON.parse(shortened[shortened.length - 1]);
    const shortenedFile = path.join(dir, 'shortened.ndjson');

    writeFileSync(shortenedFile, `${shortened.join('\n')}\n`);
    const untouchedTrailer = await runVerifier(shortenedFile);
    expect(untouchedTrailer.status).toBe(2);
    expect(untouchedTrailer.stderr).toMatch(/trailer counts/);

    shortened[shortened.length - 1] = JSON.stringify({ ...trailer, events: trailer.events - 1 });
    writeFileSync(shortenedFile, `${shortened.join('\n')}\n`);
    const { status, report } = await runVerifier(shortenedFile);
    expect(status).toBe(1);
    expect(report.firstBrokenLink).toMatchObject({
      streamId: removed.streamId,
      revision: 2,
      reason: 'revision',
      expected: '1',
      found: '2',
    });
  });

  it('refuses what is not an export', async () => {
    const notExport = path.join(dir, 'not-an-export.ndjson');
    writeFileSync(notExport, readFileSync(file, 'utf8').split('\n').slice(1).join('\n'));
    const { status, stderr } = await runVerifier(notExport);
    expect(status).toBe(2);
    expect(stderr).toMatch(/header/);
  });
});
