import { randomUUID } from 'node:crypto';
import { toNewEvents } from '@pledge-ledger/application';
import { loanDecider, type Actor, type LoanCommand, type LoanEvent, type LoanState } from '@pledge-ledger/domain';
import { DISBURSED_ON } from './ledger-world';

/**
 * The loan stream B2's set-up leaves through our API (`ledger-world.ts` `seedWorld`), decided by
 * the Loan decider itself for the peer's store: originated (1,000,000.00 over 120 months at 3.85 %,
 * equal instalments, one pledged patent), pledge secured (the pledging process manager's
 * command), disbursed, fund cover recorded (the fund-coverage process manager's command, with
 * what the bench fund's policy gives this loan: 40 % of the principal, 90 days). So every
 * repayment on the peer reads and folds the same four events, of the same sizes, as one on ours
 * (B3's three-event history is a 30-year loan: its disbursement carries a 360-line schedule, three
 * times the JSON of this one's).
 */

/** The bank the loans are originated for: the peer's token must act for it. */
export const PEER_BANK_ID = 'bank';

/** The id of the `index`-th loan. */
export const peerLoanId = (index: number): string => `loan-${index}`;

const bankOfficer: Actor = { sub: 'bench-officer', role: 'bank', bankId: PEER_BANK_ID };
const processManager: Actor = { sub: 'system', role: 'system' };

export interface StoredEvent {
  readonly type: LoanEvent['type'];
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

/**
 * A command's decided events as the peer stores them: our event's type and data, the metadata our
 * application records (libs/application `toNewEvents`).
 */
export function peerEvents(events: readonly LoanEvent[], command: LoanCommand, correlationId: string): StoredEvent[] {
  return toNewEvents(events, command, { correlationId, causationId: null }).map((event) => ({
    type: event.type as LoanEvent['type'],
    data: event.data as Record<string, unknown>,
    metadata: { ...event.metadata },
  }));
}

export function peerLoanHistory(index: number): StoredEvent[] {
  const loanId = peerLoanId(index);
  const assetId = `patent-${index}`;
  const correlationId = randomUUID();
  let state: LoanState = loanDecider.initialState;
  const stored: StoredEvent[] = [];
  const run = (type: LoanCommand['type'], data: unknown, actor: Actor, now: string): void => {
    const command = { type, data, metadata: { actor, now } } as LoanCommand;
    const events = loanDecider.decide(command, state);
    for (const event of events) state = loanDecider.evolve(state, event);
    stored.push(...peerEvents(events, command, correlationId));
  };
  run(
    'OriginateLoan',
    {
      loanId,
      bankId: PEER_BANK_ID,
      enterpriseId: 'ent',
      enterpriseRegistered: true,
      principal: '1000000.00',
      annualRateBps: 385,
      termMonths: 120,
      repaymentMethod: 'equal-instalments',
      originationDate: '2026-01-10',
      pledges: [{ assetId, registrationNumber: `Y2026-${assetId}`, consentingOwnerIds: [] }],
    },
    bankOfficer,
    '2026-01-10T09:00:00.000Z',
  );
  run(
    'SecurePledges',
    { loanId, pledges: [{ assetId, registrationNumber: `Y2026-${assetId}`, registeredOn: '2026-01-10' }] },
    processManager,
    '2026-01-10T09:00:01.000Z',
  );
  run('DisburseLoan', { loanId, valueDate: DISBURSED_ON }, bankOfficer, '2026-01-15T09:00:00.000Z');
  run(
    'RecordFundCoverage',
    {
      loanId,
      fundId: 'fund',
      coverageRatioBps: 4000,
      coveredPrincipal: '400000.00',
      policyVersion: 1,
      defaultThresholdDays: 90,
    },
    processManager,
    '2026-01-20T09:00:00.000Z',
  );
  return stored;
}
