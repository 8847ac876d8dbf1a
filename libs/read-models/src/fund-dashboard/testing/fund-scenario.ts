/**
 * Test support for the bank-portfolio, fund-dashboard and claims views: the ledger booted on a
 * read-model fixture's event store (commands on the CommandBus, process managers running from the
 * durable feed) and one scenario driven through it by the people who take each step.
 *
 * Figures (lifecycle-steps.ts): every loan is 2,000,000.00 at 12 % for 12 months, bullet
 * (20,000.00 interest due on the 15th of each month from 2026-02-15), originated 2026-01-10,
 * disbursed 2026-01-15. The fund: 10,000,000.00 of capital, 40 % up to 5 m, per-loan cap
 * 750,000.00, per-bank annual cap 5,000,000.00, two approvals above 500,000.00, suspension above
 * 5000 bps.
 */
import { SqliteCheckpointStore } from '@pledge-ledger/application';
import type { EventStore } from '@pledge-ledger/event-store';
import { ApproveClaimCommand } from '../../../../application/src/commands/claims/approve-claim/approve-claim.command';
import { EnforcePledgeCommand } from '../../../../application/src/commands/ip-assets/enforce-pledge/enforce-pledge.command';
import { AssessDelinquencyCommand } from '../../../../application/src/commands/loans/assess-delinquency/assess-delinquency.command';
import { RecordRecoveryCommand } from '../../../../application/src/commands/loans/record-recovery/record-recovery.command';
import { WriteOffLoanCommand } from '../../../../application/src/commands/loans/write-off-loan/write-off-loan.command';
import { AssessBankCommand } from '../../../../application/src/commands/risk-funds/assess-bank/assess-bank.command';
import { AdmitBankCommand } from '../../../../application/src/commands/risk-funds/admit-bank/admit-bank.command';
import {
  disburse,
  loanWithFiledClaim,
  originateLoan,
  registerParties,
  setUpFund,
  type Parties,
} from '../../../../application/src/process-managers/testing/lifecycle-steps';
import {
  as,
  bankOfficer,
  bootLedger,
  fm1,
  fm2,
  FreezableCheckpointStore,
  type LedgerApp,
} from '../../../../application/src/process-managers/testing/process-manager-ledger';
import type { Dialect } from '../../read-store/read-store';

export { bankOfficer, fm1, fm2 };

/** The ledger on `store`, its process managers keeping their checkpoints in memory. */
export async function bootLedgerOn(store: EventStore, dialect: Dialect): Promise<LedgerApp> {
  const checkpoints = new FreezableCheckpointStore(SqliteCheckpointStore.open(':memory:'));
  const app = await bootLedger({
    kind: dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL',
    store,
    checkpoints,
    close: async () => undefined,
  });
  return {
    ...app,
    close: async () => {
      await app.close();
      await checkpoints.close();
    },
  };
}

export interface FundScenario {
  readonly fundId: string;
  /** Bank A (admitted): loan A1. */
  readonly a: Parties;
  /** Bank B (admitted, suspended on 2026-06-30 by an assessment of its bad-loan ratio): loan B1. */
  readonly b: Parties;
  /** Bank C (never admitted): loan C1. */
  readonly c: Parties;
  readonly loans: {
    /**
     * The lifecycle: enrolled, 35,000.00 repaid 2026-02-15, 91 days past due and defaulted on
     * 2026-06-14 with 1,985,000.00 outstanding, claim filed 2026-06-20, approved by FM1 and FM2
     * and paid 750,000.00 on 2026-06-26, patent sold 2026-09-01 (600,000.00, 30,000.00 costs:
     * the fund's share 215,365.23), written off 2026-10-01.
     */
    readonly a1: string;
    /** Same until the claim, filed 2026-06-20, approved by FM1 only on 2026-06-25 (750,000.00 needs two). */
    readonly b1: string;
    /** Disbursed, never repaid, not enrolled; assessed 2026-03-20: 33 days past due (31-60). */
    readonly c1: string;
  };
}

/** Runs the scenario; the process managers have handled everything when it returns. */
export async function runFundScenario(app: LedgerApp): Promise<FundScenario> {
  const a = await registerParties(app);
  const b = await registerParties(app);
  const c = await registerParties(app);
  const fundId = await setUpFund(app, a.bankId);
  await app.run(new AdmitBankCommand({ fundId, bankId: b.bankId, admittedOn: '2026-01-03' }, as(fm1)));
  const bank = (parties: Parties) => as(bankOfficer(parties.bankId));

  const a1 = await loanWithFiledClaim(app, a, fundId);
  await app.run(new ApproveClaimCommand({ claimId: a1, approvedOn: '2026-06-25' }, as(fm1)));
  await app.run(new ApproveClaimCommand({ claimId: a1, approvedOn: '2026-06-26' }, as(fm2)));
  await app.settle();
  const [patent] = a.assetIds;
  await app.run(
    new EnforcePledgeCommand(
      { ipAssetId: patent, loanId: a1, enforcementDate: '2026-09-01', saleProceeds: '600000.00' },
      bank(a),
    ),
  );
  await app.run(
    new RecordRecoveryCommand(
      {
        loanId: a1,
        amount: '600000.00',
        costs: '30000.00',
        source: 'pledge-enforcement',
        assetId: patent,
        valueDate: '2026-09-01',
      },
      bank(a),
    ),
  );
  await app.settle();
  await app.run(new WriteOffLoanCommand({ loanId: a1, valueDate: '2026-10-01' }, bank(a)));

  const b1 = await loanWithFiledClaim(app, b, fundId);
  await app.run(new ApproveClaimCommand({ claimId: b1, approvedOn: '2026-06-25' }, as(fm1)));
  // Bank B's only enrolled loan is in default: 10000 bps > 5000, so the assessment suspends it.
  await app.run(new AssessBankCommand({ fundId, bankId: b.bankId, asOf: '2026-06-30' }, as(fm1)));

  const { loanId: c1 } = await originateLoan(app, c);
  await app.settle();
  await disburse(app, c, c1);
  await app.run(new AssessDelinquencyCommand({ loanId: c1, asOf: '2026-03-20' }, bank(c)));
  await app.settle();
  return { fundId, a, b, c, loans: { a1, b1, c1 } };
}
