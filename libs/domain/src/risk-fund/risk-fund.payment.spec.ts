import { ForbiddenError } from '../shared/authorization';
import type { Actor } from '../shared/decider';
import { foldEvents } from '../shared/decider';
import { deciderSpec } from '../testing/decider-spec';
import { availableBalance, bankAnnualCapRemaining, fundSnapshot } from './fund-position';
import type { PayCompensation, ReceiveRecoveryShare } from './risk-fund.commands';
import { riskFundDecider } from './risk-fund.decider';
import {
  FundBankAnnualCapExceededError,
  FundClaimNotPaidError,
  FundCoverReleasedError,
  FundInsufficientBalanceError,
  FundInvalidInputError,
  FundLoanAlreadyCompensatedError,
  FundLoanNotEnrolledError,
  FundNoPolicyError,
  FundNotFoundError,
  FundRecoveryShareExceedsPaymentError,
} from './risk-fund.errors';
import type { RiskFundEvent } from './risk-fund.events';
import {
  FUND_ID,
  bankAdmitted,
  bankSuspended,
  capitalContributed,
  compensationPaid,
  fundCommand,
  fundEstablished,
  loanEnrolled,
  operatingFund,
  policyPublished,
  systemActor,
} from './risk-fund.fixtures';

const spec = deciderSpec(riskFundDecider);
const fundManager: Actor = { sub: 'fm-alice', role: 'fund-manager' };

function pay(overrides: Partial<PayCompensation['data']> = {}, actor: Actor = systemActor): PayCompensation {
  return fundCommand<PayCompensation>(
    'PayCompensation',
    {
      fundId: FUND_ID,
      claimId: 'l-1',
      loanId: 'l-1',
      bankId: 'b-1',
      amount: '1200000.00',
      valueDate: '2026-06-01',
      ...overrides,
    },
    actor,
  );
}

const enrolled: RiskFundEvent[] = [...operatingFund, loanEnrolled('l-1', 'b-1'), loanEnrolled('l-2', 'b-1')];

describe('PayCompensation', () => {
  it('pays the claim with the figures it was checked against', () =>
    spec
      .given(enrolled)
      .when(pay())
      .then([
        {
          type: 'CompensationPaid',
          data: {
            fundId: FUND_ID,
            claimId: 'l-1',
            loanId: 'l-1',
            bankId: 'b-1',
            amount: '1200000.00',
            year: 2026,
            valueDate: '2026-06-01',
            policyVersion: 1,
            perBankAnnualCap: '5000000.00',
            bankPaidInYearBefore: '0.00',
            availableBalanceBefore: '10000000.00',
          },
        },
      ]));

  it('never pays the same claim twice: a repeat yields no event', () => {
    const paid = spec.given(enrolled).when(pay()).events();
    spec
      .given([...enrolled, ...paid])
      .when(pay())
      .then([]);
    spec
      .given([...enrolled, ...paid])
      .when(pay({ amount: '5.00', valueDate: '2026-07-01' }))
      .then([]);
  });

  it('refuses to take the available balance below zero', () => {
    const small = [
      fundEstablished,
      capitalContributed('1000000.00'),
      policyPublished(),
      bankAdmitted('b-1'),
      loanEnrolled('l-1', 'b-1'),
    ];
    spec
      .given(small)
      .when(pay({ amount: '1000000.01' }))
      .thenThrows(FundInsufficientBalanceError, 'FUND.INSUFFICIENT_BALANCE');
    expect(
      spec
        .given(small)
        .when(pay({ amount: '1000000.00' }))
        .events(),
    ).toHaveLength(1);
  });

  it('enforces the per-bank annual cap in the year of the value date', () => {
    // cap 5 m; 4.5 m already paid to b-1 in 2026
    const history = [
      ...enrolled,
      capitalContributed('10000000.00'),
      compensationPaid('l-2', 'b-1', '4500000.00', '2026-03-01'),
    ];
    spec
      .given(history)
      .when(pay({ amount: '500000.01' }))
      .thenThrows(FundBankAnnualCapExceededError, 'FUND.BANK_ANNUAL_CAP_EXCEEDED');
    expect(
      spec
        .given(history)
        .when(pay({ amount: '500000.00' }))
        .events(),
    ).toHaveLength(1);
    // a new year, a fresh cap
    expect(
      spec
        .given(history)
        .when(pay({ amount: '1200000.00', valueDate: '2027-01-02' }))
        .events(),
    ).toHaveLength(1);
  });

  it('pays a suspended bank on a loan enrolled before the suspension', () =>
    expect(
      spec
        .given([...enrolled, bankSuspended('b-1')])
        .when(pay())
        .events(),
    ).toHaveLength(1));

  it('refuses a loan not enrolled, or enrolled for another bank', () => {
    spec
      .given(enrolled)
      .when(pay({ loanId: 'l-9', claimId: 'l-9' }))
      .thenThrows(FundLoanNotEnrolledError, 'FUND.LOAN_NOT_ENROLLED');
    spec
      .given(enrolled)
      .when(pay({ bankId: 'b-2' }))
      .thenThrows(FundLoanNotEnrolledError);
  });
  it('refuses a second claim on a loan already compensated', () =>
    spec
      .given([...enrolled, compensationPaid('l-1', 'b-1', '100.00')])
      .when(pay({ claimId: 'other-claim' }))
      .thenThrows(FundLoanAlreadyCompensatedError, 'FUND.LOAN_ALREADY_COMPENSATED'));
  it('refuses a loan whose cover was released', () =>
    spec
      .given([
        ...enrolled,
        {
          type: 'LoanCoverReleased',
          data: { fundId: FUND_ID, loanId: 'l-1', bankId: 'b-1', reason: 'loan-repaid', releasedOn: '2026-05-01' },
        },
      ])
      .when(pay())
      .thenThrows(FundCoverReleasedError, 'FUND.COVER_RELEASED'));
  it('refuses without a policy', () =>
    spec
      .given([fundEstablished, capitalContributed('1.00')])
      .when(pay())
      .thenThrows(FundNoPolicyError));
  it('refuses a zero amount or a bad date', () => {
    spec
      .given(enrolled)
      .when(pay({ amount: '0.00' }))
      .thenThrows(FundInvalidInputError);
    spec
      .given(enrolled)
      .when(pay({ valueDate: '2026-6-1' }))
      .thenThrows(FundInvalidInputError);
  });
  it('refuses a missing fund', () => spec.given([]).when(pay()).thenThrows(FundNotFoundError));
  it('only the claim-payment process (system) pays', () =>
    spec.given(enrolled).when(pay({}, fundManager)).thenThrows(ForbiddenError));
});

describe('ReceiveRecoveryShare', () => {
  const paid = [...enrolled, compensationPaid('l-1', 'b-1', '1000.00')];
  const receive = (amount: string, recoveryId = 'r-1', actor: Actor = systemActor) =>
    fundCommand<ReceiveRecoveryShare>(
      'ReceiveRecoveryShare',
      { fundId: FUND_ID, claimId: 'l-1', recoveryId, amount, valueDate: '2026-09-01' },
      actor,
    );

  it('records the share', () =>
    spec
      .given(paid)
      .when(receive('400.00'))
      .then([
        {
          type: 'RecoveryShareReceived',
          data: {
            fundId: FUND_ID,
            claimId: 'l-1',
            loanId: 'l-1',
            bankId: 'b-1',
            recoveryId: 'r-1',
            amount: '400.00',
            valueDate: '2026-09-01',
          },
        },
      ]));
  it('is idempotent per recovery', () => {
    const history = [...paid, ...spec.given(paid).when(receive('400.00')).events()];
    spec.given(history).when(receive('400.00')).then([]);
    expect(spec.given(history).when(receive('400.00', 'r-2')).events()).toHaveLength(1);
  });
  it('records nothing for a zero share', () => spec.given(paid).when(receive('0.00')).then([]));
  it('never totals more than the fund paid on the claim', () => {
    const history = [...paid, ...spec.given(paid).when(receive('600.00')).events()];
    spec
      .given(history)
      .when(receive('400.01', 'r-2'))
      .thenThrows(FundRecoveryShareExceedsPaymentError, 'FUND.RECOVERY_SHARE_EXCEEDS_PAYMENT');
    expect(spec.given(history).when(receive('400.00', 'r-2')).events()).toHaveLength(1);
  });
  it('refuses a claim the fund has not paid', () =>
    spec.given(enrolled).when(receive('1.00')).thenThrows(FundClaimNotPaidError, 'FUND.CLAIM_NOT_PAID'));
  it('refuses a missing fund', () => spec.given([]).when(receive('1.00')).thenThrows(FundNotFoundError));
  it('only the recovery-sharing process (system) records it', () =>
    spec
      .given(paid)
      .when(receive('1.00', 'r-1', fundManager))
      .thenThrows(ForbiddenError));
});

describe('fund position helpers', () => {
  it('available balance = contributed - paid + recovery shares received', () => {
    const state = foldEvents(riskFundDecider, [
      ...enrolled, // 10 m contributed
      capitalContributed('500.00'),
      compensationPaid('l-1', 'b-1', '1000.00'),
      {
        type: 'RecoveryShareReceived',
        data: {
          fundId: FUND_ID,
          claimId: 'l-1',
          loanId: 'l-1',
          bankId: 'b-1',
          recoveryId: 'r-1',
          amount: '250.00',
          valueDate: '2026-09-01',
        },
      },
    ]);
    expect(availableBalance(state)).toBe(1_000_050_000n - 100_000n + 25_000n);
    expect(availableBalance(riskFundDecider.initialState)).toBe(0n);
  });
  it('bank annual cap remaining: per bank, per year, under the current policy, never negative', () => {
    const history = [...enrolled, compensationPaid('l-1', 'b-1', '1000000.00', '2026-06-01')];
    const state = foldEvents(riskFundDecider, history);
    expect(bankAnnualCapRemaining(state, 'b-1', 2026)).toBe(400_000_000n);
    expect(bankAnnualCapRemaining(state, 'b-1', 2027)).toBe(500_000_000n);
    expect(bankAnnualCapRemaining(state, 'b-2', 2026)).toBe(500_000_000n);
    const lowered = foldEvents(riskFundDecider, [
      ...history,
      policyPublished({ version: 2, perBankAnnualCap: '500000.00' }),
    ]);
    expect(bankAnnualCapRemaining(lowered, 'b-1', 2026)).toBe(0n);
    expect(bankAnnualCapRemaining(foldEvents(riskFundDecider, [fundEstablished]), 'b-1', 2026)).toBe(0n);
  });
  it('the snapshot a claim approval is decided on', () => {
    const state = foldEvents(riskFundDecider, [...enrolled, compensationPaid('l-2', 'b-1', '1000000.00')]);
    expect(fundSnapshot(state, 'b-1', '2026-07-01')).toEqual({
      fundId: FUND_ID,
      policyVersion: 1,
      dualApprovalThreshold: '1000000.00',
      bankAnnualCapRemaining: '4000000.00',
      fundAvailableBalance: '9000000.00',
    });
    expect(fundSnapshot(foldEvents(riskFundDecider, [fundEstablished]), 'b-1', '2026-07-01')).toBeNull();
  });
});
