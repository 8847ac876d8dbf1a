import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { openEventStore, START, type After, type RecordedEvent } from '@pledge-ledger/event-store';
import {
  openReadStore,
  readModelEntities,
  readModelMigrations,
  readModelProjections,
} from '@pledge-ledger/read-models';
import type { LoadCommand } from './r1-load';

const REBUILD = path.resolve(__dirname, '../../apps/projector/dist/rebuild.js');

/** Every event in the store, in global order. */
export async function readAllEvents(eventStoreUrl: string): Promise<RecordedEvent[]> {
  const store = await openEventStore(eventStoreUrl);
  try {
    const events: RecordedEvent[] = [];
    let after: After = START;
    for (;;) {
      const page = await store.readAll({ after, maxCount: 1000 });
      if (page.length === 0) return events;
      events.push(...page);
      after = page[page.length - 1].position;
    }
  } finally {
    await store.close();
  }
}

/**
 * What R1 promises of the history, as a list of the ways it was broken (empty when kept): every
 * acknowledged command left its event exactly once (found by the correlation id it was sent
 * with), no command of the load left it twice, and no event is in the store twice (event id,
 * stream revision).
 */
export function historyProblems(events: readonly RecordedEvent[], commands: readonly LoadCommand[]): string[] {
  const problems: string[] = [];
  const byCorrelation = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const list = byCorrelation.get(event.metadata.correlationId) ?? [];
    list.push(event);
    byCorrelation.set(event.metadata.correlationId, list);
  }
  for (const command of commands) {
    const found = (byCorrelation.get(command.correlationId) ?? []).filter((e) => e.type === command.eventType);
    if (command.state === 'acknowledged' && found.length !== 1) {
      problems.push(
        `${command.path} (${command.correlationId}) acknowledged, ${command.eventType} found ${found.length} times` +
          (found.length > 1 ? ` (recorded at ${found.map((e) => e.metadata.recordedAt).join(', ')})` : ''),
      );
    }
    if (command.state !== 'acknowledged' && found.length > 1) {
      problems.push(
        `${command.path} (${command.correlationId}) never acknowledged, ${command.eventType} found ${found.length} times`,
      );
    }
  }
  const ids = new Set<string>();
  const revisions = new Set<string>();
  for (const event of events) {
    if (ids.has(event.metadata.eventId)) problems.push(`event id ${event.metadata.eventId} is in the store twice`);
    ids.add(event.metadata.eventId);
    const at = `${event.streamId}@${event.revision}`;
    if (revisions.has(at)) problems.push(`${at} is in the store twice`);
    revisions.add(at);
  }
  return problems;
}

/** Every projection's tables, each as its rows sorted, so two snapshots compare whatever the row order. */
export async function snapshotReadModels(readStoreUrl: string): Promise<Record<string, string[]>> {
  const readStore = await openReadStore(readStoreUrl, { entities: readModelEntities, migrations: readModelMigrations });
  try {
    const snapshot: Record<string, string[]> = {};
    for (const projection of readModelProjections) {
      for (const table of Object.values<string>(projection.tables)) {
        const rows = (await readStore.queries.query(`SELECT * FROM "${table}"`)) as Record<string, unknown>[];
        snapshot[table] = rows.map((row) => JSON.stringify(row, (_, value: unknown) => normalise(value))).sort();
      }
    }
    return snapshot;
  } finally {
    await readStore.close();
  }
}

/** Driver representations that differ between a row read now and the same row read later. */
function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** `npm run rebuild -- all` against the same stores: every projection rebuilt from position 0 and swapped in. */
export async function rebuildAll(env: Record<string, string>): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [REBUILD, 'all'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  return `${stdout}${stderr}`;
}

/** The trial balance as the auditor reads it once the read models include `minPosition`. */
export async function trialBalance(
  baseUrl: string,
  auditorToken: string,
  minPosition: string,
): Promise<{ totals: { debit: string; credit: string; balance: string }; accounts: unknown[] }> {
  const response = await fetch(`${baseUrl}/v1/ledger/trial-balance?minPosition=${minPosition}`, {
    headers: { authorization: `Bearer ${auditorToken}` },
  });
  if (response.status !== 200) throw new Error(`trial balance answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { totals: { debit: string; credit: string; balance: string }; accounts: unknown[] };
}

/** The highest `position` among acknowledged answers: what the read models must have reached. */
export function lastAcknowledgedPosition(commands: readonly LoadCommand[]): string {
  let last = 0n;
  for (const command of commands) {
    const position = (command.answer?.body as { position?: string } | undefined)?.position;
    if (position !== undefined && BigInt(position) > last) last = BigInt(position);
  }
  return last.toString();
}

/** The trial balance, once the read models include every event now stored, balances to zero. */
export async function expectTrialBalanceBalanced(baseUrl: string, auditorToken: string): Promise<void> {
  const ready = (await (await fetch(`${baseUrl}/health/ready`)).json()) as {
    checks: { eventStore: { headPosition: string } };
  };
  const balance = await trialBalance(baseUrl, auditorToken, ready.checks.eventStore.headPosition);
  expect(balance.totals.debit).toBe(balance.totals.credit);
  expect(balance.totals.balance).toBe('0.00');
}

/**
 * With the API stopped: every acknowledged command in the history once and nothing twice
 * (`historyProblems`), every loan in the loan view, and the read models equal to a rebuild of
 * every projection from the events.
 */
export async function expectHistoryAndReadModelsSound(run: {
  readonly eventStoreUrl: string;
  readonly readStoreUrl: string;
  readonly env: Record<string, string>;
  readonly commands: readonly LoadCommand[];
  readonly loans: number;
}): Promise<void> {
  expect(historyProblems(await readAllEvents(run.eventStoreUrl), run.commands)).toEqual([]);
  const live = await snapshotReadModels(run.readStoreUrl);
  expect(live.loan_view.length).toBe(run.loans);
  await rebuildAll(run.env);
  expect(await snapshotReadModels(run.readStoreUrl)).toEqual(live);
}
