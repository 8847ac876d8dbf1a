import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loanDecider, loanStreamId } from '@pledge-ledger/domain';
import type { Actor, LoanCommand, LoanEvent, LoanState, ReceiveRepayment } from '@pledge-ledger/domain';
import type { EventData, EventStore, NewEvent } from '@pledge-ledger/event-store';

const BANK_ID = 'bank-1';
const bankOfficer: Actor = { sub: 'officer-1', role: 'bank', bankId: BANK_ID };
const processManager: Actor = { sub: 'process-manager', role: 'system' };
const DISBURSED_ON = '2025-01-15';

function command(type: LoanCommand['type'], data: unknown, actor: Actor, now: string): LoanCommand {
  return { type, data, metadata: { actor, now } } as LoanCommand;
}

/** Business date `days` after the disbursement. */
function dayAfterDisbursement(days: number): string {
  const date = new Date(`${DISBURSED_ON}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * A repayment of 50.00 on the loan: with `index` growing, value dates advance one day every three
 * repayments, so a 10,000-event history spans about nine years of a 30-year loan that stays active.
 */
export function repaymentCommand(loanId: string, index: number): ReceiveRepayment {
  const valueDate = dayAfterDisbursement(1 + Math.floor(index / 3));
  return command(
    'ReceiveRepayment',
    { loanId, amount: '50.00', valueDate },
    bankOfficer,
    `${valueDate}T10:00:00.000Z`,
  ) as ReceiveRepayment;
}

/**
 * A realistic loan history of exactly `size` events, decided by the Loan decider itself: originated
 * with two pledges, pledges secured, disbursed (a 30-year equal-instalment schedule), then
 * repayments. Returns the events and the state they fold into.
 */
export function loanHistory(loanId: string, size: number): { events: LoanEvent[]; state: LoanState } {
  if (size < 3) throw new Error('A disbursed loan has at least 3 events');
  let state = loanDecider.initialState;
  const events: LoanEvent[] = [];
  const apply = (decided: LoanEvent[]): void => {
    for (const event of decided) {
      state = loanDecider.evolve(state, event);
      events.push(event);
    }
  };
  apply(
    loanDecider.decide(
      command(
        'OriginateLoan',
        {
          loanId,
          bankId: BANK_ID,
          enterpriseId: 'ent-1',
          enterpriseRegistered: true,
          principal: '3000000.00',
          annualRateBps: 385,
          termMonths: 360,
          repaymentMethod: 'equal-instalments',
          originationDate: '2025-01-10',
          pledges: [
            { assetId: 'asset-1', registrationNumber: 'ZX-2025-001', consentingOwnerIds: [] },
            { assetId: 'asset-2', registrationNumber: 'ZX-2025-002', consentingOwnerIds: ['ent-2'] },
          ],
        },
        bankOfficer,
        '2025-01-10T09:00:00.000Z',
      ),
      state,
    ),
  );
  apply(
    loanDecider.decide(
      command(
        'SecurePledges',
        {
          loanId,
          pledges: [
            { assetId: 'asset-1', registrationNumber: 'ZX-2025-001', registeredOn: '2025-01-12' },
            { assetId: 'asset-2', registrationNumber: 'ZX-2025-002', registeredOn: '2025-01-12' },
          ],
        },
        processManager,
        '2025-01-12T09:00:00.000Z',
      ),
      state,
    ),
  );
  apply(
    loanDecider.decide(
      command('DisburseLoan', { loanId, valueDate: DISBURSED_ON }, bankOfficer, '2025-01-15T09:00:00.000Z'),
      state,
    ),
  );
  for (let i = 0; events.length < size; i++) apply(loanDecider.decide(repaymentCommand(loanId, i), state));
  if (events.length !== size) throw new Error(`Built ${events.length} events, wanted ${size}`);
  return { events, state };
}

/**
 * `loanHistory`, cached under bench/results/ (deciding 10,000 repayments one by one takes about a
 * minute, because each decision walks every earlier repayment). The cache is keyed by the size and
 * a hash of the built Loan code, so a change to the domain builds it again.
 */
export function cachedLoanHistory(loanId: string, size: number, cacheDir: string): LoanEvent[] {
  const key = createHash('sha256').update(`${loanId}:${size}:${loanCodeHash()}`).digest('hex').slice(0, 16);
  const file = path.join(cacheDir, `loan-history-${size}-${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LoanEvent[];
  const { events } = loanHistory(loanId, size);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, JSON.stringify(events));
  return events;
}

function loanCodeHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) hash.update(entry.name).update(readFileSync(full));
    }
  };
  walk(path.join(path.dirname(require.resolve('@pledge-ledger/domain')), 'loan'));
  walk(path.join(path.dirname(require.resolve('@pledge-ledger/domain')), 'shared'));
  return hash.digest('hex');
}

/** Appends the history to the loan's stream, in appends of at most `chunk` events, as the application would. */
export async function writeLoan(store: EventStore, loanId: string, events: readonly LoanEvent[], chunk = 1000) {
  const streamId = loanStreamId(loanId);
  let revision: number | null = null;
  for (let from = 0; from < events.length; from += chunk) {
    const batch: NewEvent[] = events.slice(from, from + chunk).map((event) => ({
      type: event.type,
      data: event.data as unknown as EventData,
      metadata: {
        eventId: randomUUID(),
        actor: { ...bankOfficer },
        correlationId: randomUUID(),
        causationId: null,
        recordedAt: '2025-06-01T08:00:00.000Z',
        schemaVersion: 1,
      },
    }));
    revision = (await store.append(streamId, batch, revision ?? 'no-stream')).nextRevision;
  }
  return streamId;
}
