import type { ClaimEvent, LoanDefaulted, RiskFundEvent } from '@pledge-ledger/domain';
import { parseMoney } from '@pledge-ledger/domain';
import type { RecordedEvent } from '@pledge-ledger/event-store';
import type { Projection, ProjectionContext } from '../projections/projection';
import {
  FUND_BANK_COLUMNS,
  FUND_BANK_MONEY,
  FUND_CLAIM_COLUMNS,
  FUND_CLAIM_MONEY,
  FUND_COLUMNS,
  FUND_LOAN_COLUMNS,
  FUND_LOAN_MONEY,
  FUND_MONEY,
  type StoredFund,
  type StoredFundBank,
  type StoredFundClaim,
  type StoredFundLoan,
} from './fund-dashboard.rows';
import { upsertRows } from '../sql/upsert-rows';
import { CLAIM_EVENT_TYPES, nextClaimStanding, type ClaimStatus } from '../claims/claim-status';
import { asDomainEvent, fen, fenText, laterDate, loadRows } from '../sql/view-sql';

type Tables = 'funds' | 'banks' | 'loans' | 'claims';

const FUND_EVENT_TYPES: ReadonlySet<RiskFundEvent['type']> = new Set([
  'FundEstablished',
  'FundCapitalContributed',
  'FundPolicyPublished',
  'BankAdmitted',
  'BankSuspended',
  'BankReinstated',
  'LoanEnrolled',
  'LoanCoverReleased',
  'CompensationPaid',
  'RecoveryShareReceived',
]);

type Handled = RiskFundEvent | ClaimEvent | LoanDefaulted;

const plus = (stored: string, amount: string): string => fenText(fen(stored) + parseMoney(amount));

const bankKey = (fundId: string, bankId: string): string => JSON.stringify([fundId, bankId]);

/** The business date an event happened on (the policy's effectiveFrom is not one: it may lie ahead). */
function businessDateOf(event: Handled): string | null {
  switch (event.type) {
    case 'FundEstablished':
      return event.data.establishedOn;
    case 'FundCapitalContributed':
    case 'CompensationPaid':
    case 'RecoveryShareReceived':
      return event.data.valueDate;
    case 'BankAdmitted':
      return event.data.admittedOn;
    case 'BankSuspended':
      return event.data.suspendedOn;
    case 'BankReinstated':
      return event.data.reinstatedOn;
    case 'LoanEnrolled':
      return event.data.enrolledOn;
    case 'LoanCoverReleased':
      return event.data.releasedOn;
    case 'ClaimFiled':
      return event.data.filedOn;
    case 'ClaimApproved':
      return event.data.approvedOn;
    case 'ClaimRejected':
      return event.data.rejectedOn;
    case 'ClaimPaid':
      return event.data.paidOn;
    case 'ClaimPaymentRefused':
      return event.data.refusedOn;
    case 'RecoveryShared':
      return event.data.sharedOn;
    case 'FundPolicyPublished':
    case 'LoanDefaulted':
      return null;
  }
}

/** The rows a batch touches, loaded once and written once. */
class Batch {
  readonly funds = new Map<string, StoredFund>();
  readonly banks = new Map<string, StoredFundBank>();
  readonly loans = new Map<string, StoredFundLoan>();
  readonly claims = new Map<string, StoredFundClaim>();
  readonly touched = {
    funds: new Set<string>(),
    banks: new Set<string>(),
    loans: new Set<string>(),
    claims: new Set<string>(),
  };

  fund(fundId: string): StoredFund | undefined {
    return this.funds.get(fundId);
  }

  putFund(row: StoredFund): void {
    this.funds.set(row.fund_id, row);
    this.touched.funds.add(row.fund_id);
  }

  putBank(row: StoredFundBank): void {
    const key = bankKey(row.fund_id, row.bank_id);
    this.banks.set(key, row);
    this.touched.banks.add(key);
  }

  putLoan(row: StoredFundLoan): void {
    this.loans.set(row.loan_id, row);
    this.touched.loans.add(row.loan_id);
  }

  putClaim(row: StoredFundClaim): void {
    this.claims.set(row.claim_id, row);
    this.touched.claims.add(row.claim_id);
  }

  updateBank(fundId: string, bankId: string, change: (row: StoredFundBank) => Partial<StoredFundBank>): void {
    const row = this.banks.get(bankKey(fundId, bankId));
    if (row) this.putBank({ ...row, ...change(row) });
  }

  updateLoan(loanId: string, change: (row: StoredFundLoan) => Partial<StoredFundLoan>): void {
    const row = this.loans.get(loanId);
    if (row) this.putLoan({ ...row, ...change(row) });
  }
}

function applyFundEvent(batch: Batch, event: RiskFundEvent): void {
  const fund = batch.fund(event.data.fundId);
  switch (event.type) {
    case 'FundEstablished':
      batch.putFund({
        fund_id: event.data.fundId,
        name: event.data.name,
        established_on: event.data.establishedOn,
        contributed: '0',
        paid: '0',
        recovered: '0',
        policy: null,
        latest_business_date: event.data.establishedOn,
      });
      return;
    case 'FundCapitalContributed':
      if (fund) batch.putFund({ ...fund, contributed: plus(fund.contributed, event.data.amount) });
      return;
    case 'FundPolicyPublished': {
      if (!fund) return;
      const { fundId: _fundId, ...policy } = event.data;
      batch.putFund({ ...fund, policy: JSON.stringify(policy) });
      return;
    }
    case 'BankAdmitted':
      batch.putBank({
        fund_id: event.data.fundId,
        bank_id: event.data.bankId,
        standing: 'admitted',
        standing_since: event.data.admittedOn,
        standing_reason: null,
        paid: '0',
        recovered: '0',
        paid_by_year: '{}',
      });
      return;
    case 'BankSuspended':
      batch.updateBank(event.data.fundId, event.data.bankId, () => ({
        standing: 'suspended',
        standing_since: event.data.suspendedOn,
        standing_reason: event.data.reason,
      }));
      return;
    case 'BankReinstated':
      batch.updateBank(event.data.fundId, event.data.bankId, () => ({
        standing: 'admitted',
        standing_since: event.data.reinstatedOn,
        standing_reason: event.data.reason,
      }));
      return;
    case 'LoanEnrolled': {
      const data = event.data;
      batch.putLoan({
        loan_id: data.loanId,
        fund_id: data.fundId,
        bank_id: data.bankId,
        enterprise_id: data.enterpriseId,
        principal: fenText(parseMoney(data.principal)),
        covered_principal: fenText(parseMoney(data.coveredPrincipal)),
        coverage_ratio_bps: data.coverageRatioBps,
        tier: data.tier,
        per_loan_cap: fenText(parseMoney(data.perLoanCap)),
        max_compensation: fenText(parseMoney(data.maxCompensation)),
        policy_version: data.policyVersion,
        enrolled_on: data.enrolledOn,
        cover_status: 'covered',
        // A default recorded before the enrolment reached this view is kept.
        in_default: batch.loans.get(data.loanId)?.in_default ?? 0,
      });
      return;
    }
    case 'LoanCoverReleased':
      batch.updateLoan(event.data.loanId, () => ({ cover_status: 'released' }));
      return;
    case 'CompensationPaid': {
      const { amount, year } = event.data;
      if (fund) batch.putFund({ ...fund, paid: plus(fund.paid, amount) });
      batch.updateLoan(event.data.loanId, () => ({ cover_status: 'compensated' }));
      batch.updateBank(event.data.fundId, event.data.bankId, (bank) => {
        const byYear = JSON.parse(bank.paid_by_year) as Record<string, string>;
        byYear[String(year)] = plus(byYear[String(year)] ?? '0', amount);
        return { paid: plus(bank.paid, amount), paid_by_year: JSON.stringify(byYear) };
      });
      return;
    }
    case 'RecoveryShareReceived':
      if (fund) batch.putFund({ ...fund, recovered: plus(fund.recovered, event.data.amount) });
      batch.updateBank(event.data.fundId, event.data.bankId, (bank) => ({
        recovered: plus(bank.recovered, event.data.amount),
      }));
      return;
  }
}

function applyClaimEvent(batch: Batch, event: ClaimEvent): void {
  const existing = batch.claims.get(event.data.claimId);
  if (event.type === 'ClaimFiled') {
    const data = event.data;
    batch.putClaim({
      claim_id: data.claimId,
      fund_id: data.fundId,
      loan_id: data.loanId,
      bank_id: data.bankId,
      status: 'filed',
      principal_loss: fenText(parseMoney(data.principalLoss)),
      coverage_ratio_bps: data.cover.coverageRatioBps,
      per_loan_cap: fenText(parseMoney(data.cover.perLoanCap)),
      filed_on: data.filedOn,
      approvers: '[]',
      round_payout: null,
      approvals_required: null,
    });
    return;
  }
  if (!existing) return;
  const standing = nextClaimStanding(
    { status: existing.status as ClaimStatus, approvers: JSON.parse(existing.approvers) as string[] },
    event,
  );
  if (!standing) return;
  const round =
    event.type === 'ClaimApproved'
      ? {
          round_payout: fenText(parseMoney(event.data.calculation.payout)),
          approvals_required: event.data.approvalsRequired,
        }
      : standing.approvers.length === 0
        ? { round_payout: null, approvals_required: null }
        : {};
  batch.putClaim({ ...existing, status: standing.status, approvers: JSON.stringify(standing.approvers), ...round });
}

function fundIdOf(event: Handled, batch: Batch): string | null {
  if (event.type === 'LoanDefaulted') return null;
  if ('fundId' in event.data) return event.data.fundId;
  return batch.claims.get(event.data.claimId)?.fund_id ?? null;
}

/**
 * Keeps the fund dashboard: each fund's capital, payments and recoveries and its current policy;
 * each admitted bank's standing and payments per year; each enrolled loan's cover and whether it
 * defaulted; each claim's standing for the claim queue. Figures derived from these (available
 * balance, committed exposure, bad-loan ratios, entitlements) are computed by the query with the
 * domain's own functions, so they never disagree with the deciders.
 */
export const fundDashboardProjection: Projection<Tables> = {
  name: 'fund-dashboard',
  handles: new Set<string>([...FUND_EVENT_TYPES, ...CLAIM_EVENT_TYPES, 'LoanDefaulted']),
  tables: {
    funds: 'fund_dashboard_funds',
    banks: 'fund_dashboard_banks',
    loans: 'fund_dashboard_loans',
    claims: 'fund_dashboard_claims',
  },

  async apply(recorded: readonly RecordedEvent[], context: ProjectionContext<Tables>): Promise<void> {
    const { manager, tables } = context;
    const events = recorded.map((event) => asDomainEvent<Handled>(event));
    const batch = new Batch();
    const claimIds = events.flatMap((e) =>
      CLAIM_EVENT_TYPES.has(e.type as ClaimEvent['type']) ? [(e as ClaimEvent).data.claimId] : [],
    );
    for (const row of await loadRows<StoredFundClaim>(
      manager,
      tables.claims,
      FUND_CLAIM_COLUMNS,
      FUND_CLAIM_MONEY,
      'claim_id',
      claimIds,
    )) {
      batch.claims.set(row.claim_id, row);
    }
    const fundIds = new Set(events.flatMap((e) => fundIdOf(e, batch) ?? []));
    for (const row of await loadRows<StoredFund>(manager, tables.funds, FUND_COLUMNS, FUND_MONEY, 'fund_id', fundIds)) {
      batch.funds.set(row.fund_id, row);
    }
    for (const row of await loadRows<StoredFundBank>(
      manager,
      tables.banks,
      FUND_BANK_COLUMNS,
      FUND_BANK_MONEY,
      'fund_id',
      fundIds,
    )) {
      batch.banks.set(bankKey(row.fund_id, row.bank_id), row);
    }
    const loanIds = events.flatMap((e) =>
      'loanId' in e.data && !CLAIM_EVENT_TYPES.has(e.type as ClaimEvent['type']) ? [e.data.loanId] : [],
    );
    for (const row of await loadRows<StoredFundLoan>(
      manager,
      tables.loans,
      FUND_LOAN_COLUMNS,
      FUND_LOAN_MONEY,
      'loan_id',
      loanIds,
    )) {
      batch.loans.set(row.loan_id, { ...row, in_default: Number(row.in_default) });
    }

    for (const event of events) {
      if (event.type === 'LoanDefaulted') {
        const known = batch.loans.get(event.data.loanId);
        batch.putLoan(known ? { ...known, in_default: 1 } : placeholderLoan(event));
        continue;
      }
      if (CLAIM_EVENT_TYPES.has(event.type as ClaimEvent['type'])) applyClaimEvent(batch, event as ClaimEvent);
      else applyFundEvent(batch, event as RiskFundEvent);
      const fundId = fundIdOf(event, batch);
      const fund = fundId === null ? undefined : batch.fund(fundId);
      const date = businessDateOf(event);
      if (fund && date !== null && date > fund.latest_business_date) {
        batch.putFund({ ...fund, latest_business_date: laterDate(fund.latest_business_date, date)! });
      }
    }

    const pick = <Row>(rows: Map<string, Row>, keys: Set<string>): Row[] => [...keys].map((key) => rows.get(key)!);
    await upsertRows(context, tables.funds, pick(batch.funds, batch.touched.funds), {
      key: ['fund_id'],
      update: FUND_COLUMNS.filter((c) => c !== 'fund_id'),
    });
    await upsertRows(context, tables.banks, pick(batch.banks, batch.touched.banks), {
      key: ['fund_id', 'bank_id'],
      update: FUND_BANK_COLUMNS.filter((c) => c !== 'fund_id' && c !== 'bank_id'),
    });
    await upsertRows(context, tables.loans, pick(batch.loans, batch.touched.loans), {
      key: ['loan_id'],
      update: FUND_LOAN_COLUMNS.filter((c) => c !== 'loan_id'),
    });
    await upsertRows(context, tables.claims, pick(batch.claims, batch.touched.claims), {
      key: ['claim_id'],
      update: FUND_CLAIM_COLUMNS.filter((c) => c !== 'claim_id'),
    });
  },
};

/** A loan known only by its default (its enrolment has not reached this view, or never will). */
function placeholderLoan(event: LoanDefaulted): StoredFundLoan {
  return {
    loan_id: event.data.loanId,
    fund_id: null,
    bank_id: event.data.bankId,
    enterprise_id: '',
    principal: '0',
    covered_principal: '0',
    coverage_ratio_bps: 0,
    tier: 0,
    per_loan_cap: '0',
    max_compensation: '0',
    policy_version: 0,
    enrolled_on: '',
    cover_status: null,
    in_default: 1,
  };
}
