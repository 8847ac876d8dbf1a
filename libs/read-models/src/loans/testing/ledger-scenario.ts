/**
 * Test support for the loan, IP register and enterprise dashboard views: the ledger booted on a
 * read-model fixture's event store (commands on the CommandBus, the process managers running
 * from the durable feed) and one scenario driven through it, as the people who take each step.
 *
 * Figures (lifecycle-steps.ts): every loan is 2,000,000.00 at 12 % for 12 months, bullet
 * (20,000.00 interest due on the 15th of each month from 2026-02-15, all principal on
 * 2027-01-15), originated 2026-01-10, disbursed 2026-01-15.
 */
import { SqliteCheckpointStore } from '@pledge-ledger/application';
import type { EventStore } from '@pledge-ledger/event-store';
import { RecordAnnualFeeLapseCommand } from '../../../../application/src/commands/ip-assets/record-annual-fee-lapse/record-annual-fee-lapse.command';
import { FileInvalidationCommand } from '../../../../application/src/commands/ip-assets/file-invalidation/file-invalidation.command';
import { ResolveInvalidationCommand } from '../../../../application/src/commands/ip-assets/resolve-invalidation/resolve-invalidation.command';
import { EnforcePledgeCommand } from '../../../../application/src/commands/ip-assets/enforce-pledge/enforce-pledge.command';
import { AssessDelinquencyCommand } from '../../../../application/src/commands/loans/assess-delinquency/assess-delinquency.command';
import { DeclareDefaultCommand } from '../../../../application/src/commands/loans/declare-default/declare-default.command';
import { ReceiveRepaymentCommand } from '../../../../application/src/commands/loans/receive-repayment/receive-repayment.command';
import { RecordRecoveryCommand } from '../../../../application/src/commands/loans/record-recovery/record-recovery.command';
import { WriteOffLoanCommand } from '../../../../application/src/commands/loans/write-off-loan/write-off-loan.command';
import { EnrolLoanCommand } from '../../../../application/src/commands/risk-funds/enrol-loan/enrol-loan.command';
import {
  disburse,
  originateLoan,
  registerParties,
  setUpFund,
  type Parties,
} from '../../../../application/src/process-managers/testing/lifecycle-steps';
import {
  admin,
  as,
  bankOfficer,
  bootLedger,
  fm1,
  FreezableCheckpointStore,
  type LedgerApp,
} from '../../../../application/src/process-managers/testing/process-manager-ledger';
import type { Dialect } from '../../read-store/read-store';

export { admin, bankOfficer, fm1 };

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

export interface Scenario {
  readonly fundId: string;
  /** E1, A1, A2, B1: loan L1. */
  readonly p1: Parties;
  /** E2, A3, A4, B2: loans L2 and L3. */
  readonly p2: Parties;
  /** E3, A5, A6, B3: loans L4, L5. */
  readonly p3: Parties;
  /** E4, A7, A8, B4: no loan. */
  readonly p4: Parties;
  readonly loans: {
    /** The lifecycle: enrolled, 35,000.00 repaid 2026-02-15, assessed and defaulted 2026-06-14, A1 sold 2026-09-01, written off 2026-10-01. */
    readonly l1: string;
    /** B2 on A3: disbursed, nothing repaid. */
    readonly l2: string;
    /** B2 on A4: disbursed, 60,000.00 repaid 2026-03-20. */
    readonly l3: string;
    /** B3 on A5: disbursed, 35,000.00 repaid 2026-02-15. */
    readonly l4: string;
    /** B3 on A6 then A5: refused (A5 pledged to L4), A6's pledge released. */
    readonly l5: string;
  };
}

/** Runs the scenario; the process managers have handled everything when it returns. */
export async function runScenario(app: LedgerApp): Promise<Scenario> {
  const p1 = await registerParties(app);
  const p2 = await registerParties(app);
  const p3 = await registerParties(app);
  const p4 = await registerParties(app);
  const fundId = await setUpFund(app, p1.bankId);
  const bank = (parties: Parties) => as(bankOfficer(parties.bankId));
  const repay = (parties: Parties, loanId: string, amount: string, valueDate: string) =>
    app.run(new ReceiveRepaymentCommand({ loanId, amount, valueDate }, bank(parties)));

  // L1: the domain issue's lifecycle.
  const { loanId: l1 } = await originateLoan(app, p1);
  await app.settle();
  await disburse(app, p1, l1);
  await app.run(new EnrolLoanCommand({ fundId, loanId: l1, enrolledOn: '2026-01-20' }, as(fm1)));
  await app.settle();
  await repay(p1, l1, '35000.00', '2026-02-15');
  await app.run(new AssessDelinquencyCommand({ loanId: l1, asOf: '2026-06-14' }, bank(p1)));
  await app.run(new DeclareDefaultCommand({ loanId: l1, asOf: '2026-06-14' }, bank(p1)));
  const [a1] = p1.assetIds;
  await app.run(
    new EnforcePledgeCommand(
      { ipAssetId: a1, loanId: l1, enforcementDate: '2026-09-01', saleProceeds: '600000.00' },
      bank(p1),
    ),
  );
  await app.run(
    new RecordRecoveryCommand(
      {
        loanId: l1,
        amount: '600000.00',
        costs: '30000.00',
        source: 'pledge-enforcement',
        assetId: a1,
        valueDate: '2026-09-01',
      },
      bank(p1),
    ),
  );
  await app.run(new WriteOffLoanCommand({ loanId: l1, valueDate: '2026-10-01' }, bank(p1)));

  const [a3, a4] = p2.assetIds;
  const { loanId: l2 } = await originateLoan(app, p2, [a3]);
  const { loanId: l3 } = await originateLoan(app, p2, [a4]);
  const [a5, a6] = p3.assetIds;
  const { loanId: l4 } = await originateLoan(app, p3, [a5]);
  await app.settle();
  const { loanId: l5 } = await originateLoan(app, p3, [a6, a5]);
  await app.settle();
  await disburse(app, p2, l2);
  await disburse(app, p2, l3);
  await disburse(app, p3, l4);
  await repay(p2, l3, '60000.00', '2026-03-20');
  await repay(p3, l4, '35000.00', '2026-02-15');

  // Legal status: A6 lapsed and under invalidation; A8's invalidation upheld.
  await app.run(new RecordAnnualFeeLapseCommand({ ipAssetId: a6, lapseDate: '2026-03-01' }, as(admin)));
  await app.run(
    new FileInvalidationCommand({ ipAssetId: a6, caseNumber: '4W112233', filingDate: '2026-03-05' }, as(admin)),
  );
  const a8 = p4.assetIds[1];
  await app.run(
    new FileInvalidationCommand({ ipAssetId: a8, caseNumber: '4W445566', filingDate: '2026-02-01' }, as(admin)),
  );
  await app.run(
    new ResolveInvalidationCommand(
      { ipAssetId: a8, caseNumber: '4W445566', outcome: 'upheld', resolutionDate: '2026-04-01' },
      as(admin),
    ),
  );
  await app.settle();
  return { fundId, p1, p2, p3, p4, loans: { l1, l2, l3, l4, l5 } };
}
