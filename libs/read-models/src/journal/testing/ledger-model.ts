/**
 * Test support: a whole ledger (one fund, two banks, their loans and claims) driven through the
 * real deciders, in memory. Each step is an intention with random figures, turned into commands
 * that are valid for the current state (amounts within what is owed, dates moving forwards); a
 * command the domain still refuses is simply not part of the history, as in production. The process
 * managers' part (securing pledges, recording cover, paying an approved claim, sharing recoveries)
 * is done inline, the way they do it.
 */
import {
  addDays,
  claimDecider,
  compareDates,
  defaultThresholdOf,
  DomainError,
  formatMoney,
  fundSnapshot,
  initialClaimState,
  initialLoanState,
  initialRiskFundState,
  loanCover,
  loanDecider,
  loanPositionAsOf,
  riskFundDecider,
  type Actor,
  type ClaimCommand,
  type ClaimState,
  type Command,
  type Decider,
  type DomainEvent,
  type Fen,
  type FundPolicyData,
  type LoanCommand,
  type LoanState,
  type RiskFundCommand,
  type RiskFundState,
} from '@pledge-ledger/domain';

export const FUND_ID = 'F1';
export const BANK_IDS = ['B1', 'B2'] as const;
export const ENTERPRISE_IDS = ['E1', 'E2', 'E3'] as const;

export const POLICY: FundPolicyData = {
  version: 1,
  coverageTiers: [
    { upToPrincipal: '5000000.00', ratioBps: 4000 },
    { upToPrincipal: '15000000.00', ratioBps: 3000 },
    { upToPrincipal: '30000000.00', ratioBps: 2000 },
  ],
  perLoanCap: '750000.00',
  perBankAnnualCap: '5000000.00',
  defaultThresholdDays: 90,
  bankSuspensionBadLoanRatioBps: 5000,
  eligibleEnterpriseSizes: ['micro', 'small'],
  eligibleCertifications: [],
  maxLoanPrincipal: '30000000.00',
  dualApprovalThreshold: '500000.00',
  effectiveFrom: '2026-01-01',
};

export type RecoverySourceIndex = 0 | 1 | 2 | 3;
const SOURCES = ['pledge-enforcement', 'guarantor', 'borrower', 'other'] as const;

/** Parts are in thousandths (1..1000) of what the state allows at that moment. */
export type Step =
  | { readonly kind: 'contribute'; readonly amountFen: number }
  | {
      readonly kind: 'originate';
      readonly bank: number;
      readonly enterprise: number;
      readonly principalFen: number;
      readonly termMonths: number;
      readonly bullet: boolean;
      readonly rateBps: number;
    }
  | { readonly kind: 'enrol'; readonly loan: number }
  | {
      readonly kind: 'repay';
      readonly loan: number;
      readonly part: number;
      readonly days: number;
      /** An exact amount instead of `part`. */
      readonly amountFen?: number;
    }
  | { readonly kind: 'default'; readonly loan: number }
  | { readonly kind: 'claim'; readonly loan: number }
  | {
      readonly kind: 'recover';
      readonly loan: number;
      readonly part: number;
      readonly costsPart: number;
      readonly source: RecoverySourceIndex;
      readonly days: number;
      /** Exact figures instead of `part` and `costsPart`. */
      readonly amountFen?: number;
      readonly costsFen?: number;
    }
  | { readonly kind: 'writeOff'; readonly loan: number };

export interface ModelEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

interface ModelLoan {
  readonly loanId: string;
  readonly bankId: string;
  readonly enterpriseId: string;
  readonly assetId: string;
  state: LoanState;
  claim: ClaimState;
}

const fm1: Actor = { sub: 'fm-1', role: 'fund-manager' };
const fm2: Actor = { sub: 'fm-2', role: 'fund-manager' };
const system: Actor = { sub: 'process-manager', role: 'system' };
const officer = (bankId: string): Actor => ({ sub: `officer-${bankId}`, role: 'bank', bankId });

export class LedgerModel {
  readonly events: ModelEvent[] = [];
  readonly loans: ModelLoan[] = [];
  fund: RiskFundState = initialRiskFundState;
  today = '2026-01-05';
  /** Steps the domain refused, by kind: a test can check most of them went through. */
  readonly refused: Record<string, number> = {};
  private recoveries = 0;

  constructor(capital = '10000000.00') {
    this.onFund('EstablishFund', { fundId: FUND_ID, name: 'Test fund', establishedOn: '2026-01-01' }, fm1);
    this.onFund(
      'ContributeCapital',
      { fundId: FUND_ID, contributor: 'Province', amount: capital, valueDate: '2026-01-02' },
      fm1,
    );
    this.onFund('PublishFundPolicy', { fundId: FUND_ID, ...POLICY }, fm1);
    for (const bankId of BANK_IDS) this.onFund('AdmitBank', { fundId: FUND_ID, bankId, admittedOn: '2026-01-03' }, fm1);
  }

  /** Runs one step; false when the domain refused it (what it did before the refusal stays). */
  apply(step: Step): boolean {
    try {
      this.run(step);
      return true;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.refused[step.kind] = (this.refused[step.kind] ?? 0) + 1;
      return false;
    }
  }

  private run(step: Step): void {
    switch (step.kind) {
      case 'contribute':
        return this.onFund(
          'ContributeCapital',
          {
            fundId: FUND_ID,
            contributor: 'Province',
            amount: formatMoney(BigInt(step.amountFen)),
            valueDate: this.today,
          },
          fm1,
        );
      case 'originate':
        return this.originate(step);
      case 'enrol':
        return this.enrol(this.pick(step.loan));
      case 'repay':
        return this.repay(this.pick(step.loan), step);
      case 'default':
        return this.declareDefault(this.pick(step.loan));
      case 'claim':
        return this.claim(this.pick(step.loan));
      case 'recover':
        return this.recover(this.pick(step.loan), step);
      case 'writeOff': {
        const loan = this.pick(step.loan);
        return this.onLoan(loan, 'WriteOffLoan', { loanId: loan.loanId, valueDate: this.today }, officer(loan.bankId));
      }
    }
  }

  private pick(index: number): ModelLoan {
    if (this.loans.length === 0) throw new NoLoanYet('no loan yet', {});
    return this.loans[index % this.loans.length];
  }

  private originate(step: Extract<Step, { kind: 'originate' }>): void {
    const n = this.loans.length + 1;
    const loan: ModelLoan = {
      loanId: `L${n}`,
      bankId: BANK_IDS[step.bank % BANK_IDS.length],
      enterpriseId: ENTERPRISE_IDS[step.enterprise % ENTERPRISE_IDS.length],
      assetId: `P${n}`,
      state: initialLoanState,
      claim: initialClaimState,
    };
    this.onLoan(
      loan,
      'OriginateLoan',
      {
        loanId: loan.loanId,
        bankId: loan.bankId,
        enterpriseId: loan.enterpriseId,
        enterpriseRegistered: true,
        principal: formatMoney(BigInt(step.principalFen)),
        annualRateBps: step.rateBps,
        termMonths: step.termMonths,
        repaymentMethod: step.bullet ? 'bullet' : 'equal-instalments',
        originationDate: this.today,
        pledges: [{ assetId: loan.assetId, registrationNumber: `Y-${loan.assetId}`, consentingOwnerIds: [] }],
      },
      officer(loan.bankId),
    );
    this.loans.push(loan);
    this.onLoan(
      loan,
      'SecurePledges',
      {
        loanId: loan.loanId,
        pledges: [{ assetId: loan.assetId, registrationNumber: `Y-${loan.assetId}`, registeredOn: this.today }],
      },
      system,
    );
    this.onLoan(loan, 'DisburseLoan', { loanId: loan.loanId, valueDate: this.today }, officer(loan.bankId));
  }

  private enrol(loan: ModelLoan): void {
    if (loan.state.status !== 'active') throw new StepNotApplicable('only an active loan is enrolled here', {});
    const before = this.events.length;
    this.onFund(
      'EnrolLoan',
      {
        fundId: FUND_ID,
        loanId: loan.loanId,
        bankId: loan.bankId,
        enterpriseId: loan.enterpriseId,
        principal: formatMoney(loan.state.terms.principal),
        loanStanding: 'disbursed',
        enterpriseSize: 'small',
        enterpriseCertifications: [],
        enrolledOn: this.today,
      },
      fm1,
    );
    const enrolled = this.events.slice(before).find((event) => event.type === 'LoanEnrolled');
    if (!enrolled) return;
    const data = enrolled.data as {
      coverageRatioBps: number;
      coveredPrincipal: string;
      policyVersion: number;
      defaultThresholdDays: number;
    };
    this.onLoan(
      loan,
      'RecordFundCoverage',
      {
        loanId: loan.loanId,
        fundId: FUND_ID,
        coverageRatioBps: data.coverageRatioBps,
        coveredPrincipal: data.coveredPrincipal,
        policyVersion: data.policyVersion,
        defaultThresholdDays: data.defaultThresholdDays,
      },
      system,
    );
  }

  private repay(loan: ModelLoan, step: Extract<Step, { kind: 'repay' }>): void {
    this.today = addDays(this.today, step.days);
    const position = loanPositionAsOf(loan.state, this.today);
    if (position === null || loan.state.status !== 'active') throw new StepNotApplicable('not repayable', {});
    const owed = position.outstandingPrincipal + position.interestDue;
    const amount =
      step.amountFen !== undefined ? BigInt(step.amountFen) : maxFen(1n, (owed * BigInt(step.part)) / 1000n);
    this.onLoan(
      loan,
      'ReceiveRepayment',
      { loanId: loan.loanId, amount: formatMoney(amount), valueDate: this.today },
      officer(loan.bankId),
    );
  }

  /** Moves the date to the first day the loan is past its default threshold, then declares it. */
  private declareDefault(loan: ModelLoan): void {
    const state = loan.state;
    if (state.status !== 'active') throw new StepNotApplicable('only an active loan defaults', {});
    const threshold = defaultThresholdOf(state).thresholdDays;
    const position = loanPositionAsOf(state, this.today);
    let asOf = this.today;
    if (position !== null && position.daysPastDue <= threshold) {
      asOf =
        position.daysPastDue > 0
          ? addDays(this.today, threshold + 1 - position.daysPastDue)
          : addDays(position.nextInstalment?.dueDate ?? this.today, threshold + 1);
    }
    if (compareDates(asOf, this.today) > 0) this.today = asOf;
    this.onLoan(loan, 'DeclareDefault', { loanId: loan.loanId, asOf: this.today }, officer(loan.bankId));
  }

  /** Files, approves (twice above the threshold), pays and marks paid, as the bank, FM1, FM2 and the claim-payment process manager. */
  private claim(loan: ModelLoan): void {
    const state = loan.state;
    if (state.status !== 'defaulted' && state.status !== 'written-off')
      throw new StepNotApplicable('not defaulted', {});
    const netRecovered = state.recoveries.items.reduce((sum, item) => sum + netOf(item), 0n);
    const bank = officer(loan.bankId);
    this.onClaim(
      loan,
      'FileClaim',
      {
        loanId: loan.loanId,
        bankId: loan.bankId,
        loanDefaulted: true,
        outstandingPrincipalAtDefault: formatMoney(state.default.outstandingPrincipal),
        recoveriesSoFar: formatMoney(netRecovered),
        cover: loanCover(this.fund, loan.loanId),
        filedOn: this.today,
      },
      bank,
    );
    for (const approver of [fm1, fm2]) {
      if (loan.claim.status === 'approved') break;
      this.onClaim(
        loan,
        'ApproveClaim',
        {
          claimId: loan.loanId,
          fund: fundSnapshot(this.fund, loan.bankId, this.today),
          approvedOn: this.today,
        },
        approver,
      );
    }
    if (loan.claim.status !== 'approved') return;
    const payout = formatMoney(loan.claim.round.payout);
    this.onFund(
      'PayCompensation',
      {
        fundId: FUND_ID,
        claimId: loan.loanId,
        loanId: loan.loanId,
        bankId: loan.bankId,
        amount: payout,
        valueDate: this.today,
      },
      system,
    );
    this.onClaim(loan, 'MarkClaimPaid', { claimId: loan.loanId, amount: payout, paidOn: this.today }, system);
  }

  private recover(loan: ModelLoan, step: Extract<Step, { kind: 'recover' }>): void {
    const state = loan.state;
    if (state.status !== 'defaulted') throw new StepNotApplicable('not defaulted', {});
    this.today = addDays(this.today, step.days);
    const left = state.default.outstandingPrincipal - state.recoveries.totalRecovered;
    const amount =
      step.amountFen !== undefined ? BigInt(step.amountFen) : maxFen(1n, (left * BigInt(step.part)) / 1000n);
    const costs = step.costsFen !== undefined ? BigInt(step.costsFen) : (amount * BigInt(step.costsPart)) / 1000n;
    const source = SOURCES[step.source];
    this.onLoan(
      loan,
      'RecordRecovery',
      {
        loanId: loan.loanId,
        amount: formatMoney(amount),
        costs: formatMoney(costs),
        source,
        assetId: source === 'pledge-enforcement' ? loan.assetId : null,
        valueDate: this.today,
      },
      officer(loan.bankId),
    );
    // The recovery-sharing process manager: the fund's share of the net, once its claim is paid.
    if (loan.claim.status !== 'paid' || amount - costs === 0n) return;
    const recoveryId = `R${++this.recoveries}`;
    const before = this.events.length;
    this.onClaim(
      loan,
      'ShareRecovery',
      {
        claimId: loan.loanId,
        recoveryId,
        recoveryAmount: formatMoney(amount - costs),
        sharedOn: this.today,
      },
      system,
    );
    const shared = this.events.slice(before).find((event) => event.type === 'RecoveryShared');
    const fundShare = shared ? String(shared.data.fundShare) : '0.00';
    if (fundShare === '0.00') return;
    this.onFund(
      'ReceiveRecoveryShare',
      {
        fundId: FUND_ID,
        claimId: loan.loanId,
        recoveryId,
        amount: fundShare,
        valueDate: this.today,
      },
      system,
    );
  }

  private onFund(type: RiskFundCommand['type'], data: object, actor: Actor): void {
    this.fund = this.decide(riskFundDecider, `fund-${FUND_ID}`, this.fund, command(type, data, actor));
  }

  private onLoan(loan: ModelLoan, type: LoanCommand['type'], data: object, actor: Actor): void {
    loan.state = this.decide(loanDecider, `loan-${loan.loanId}`, loan.state, command(type, data, actor));
  }

  private onClaim(loan: ModelLoan, type: ClaimCommand['type'], data: object, actor: Actor): void {
    loan.claim = this.decide(claimDecider, `claim-${loan.loanId}`, loan.claim, command(type, data, actor));
  }

  private decide<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    state: S,
    cmd: C,
  ): S {
    let next = state;
    for (const event of decider.decide(cmd, state)) {
      this.events.push({ streamId, type: event.type, data: event.data as Record<string, unknown> });
      next = decider.evolve(next, event);
    }
    return next;
  }
}

/** A step that does not fit the state it met (no loan yet, a loan in another status): skipped like a refusal. */
class StepNotApplicable extends DomainError {
  readonly code = 'MODEL.NOT_APPLICABLE';
}

class NoLoanYet extends StepNotApplicable {}

function command<C extends Command>(type: string, data: object, actor: Actor): C {
  return { type, data, metadata: { actor, now: '2026-01-01T00:00:00.000Z' } } as unknown as C;
}

function maxFen(a: Fen, b: Fen): Fen {
  return a > b ? a : b;
}

function netOf(recovery: { readonly amount: Fen; readonly costs: Fen }): Fen {
  return recovery.amount - recovery.costs;
}
