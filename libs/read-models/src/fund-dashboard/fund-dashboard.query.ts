import type { BasisPoints, EstablishedFund, FundPolicyData, PayoutBound } from '@pledge-ledger/domain';
import {
  availableBalance,
  badLoanRatioBps,
  bankAnnualCapRemaining,
  bankPaidInYear,
  bankYearKey,
  breachesSuspensionThreshold,
  committedExposure,
  computePayout,
  formatMoney,
  maximumLiability,
  parseFundPolicy,
  sumMoney,
  yearOf,
} from '@pledge-ledger/domain';
import type { Actor } from '@pledge-ledger/event-store';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { OPEN_CLAIM_STATUSES, type ClaimStatus } from '../claims/claim-status';
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
import { checkedYear, fen, selectColumns } from '../sql/view-sql';

/**
 * The suspension watch list shows every bank whose bad-loan ratio is at most this far below the
 * policy's suspension threshold (or above it): 500 bps = 5 percentage points.
 */
export const SUSPENSION_WATCH_MARGIN_BPS = 500;

export interface GetFundDashboardQuery {
  readonly fundId: string;
  /**
   * The calendar year whose per-bank annual caps apply (caps used and left, claim entitlements).
   * Default: the year of the latest business date the fund's and its claims' events carry,
   * since the view cannot know today's date (so a replay gives the same dashboard).
   */
  readonly year?: number;
}

export interface BankExposureView {
  readonly bankId: string;
  readonly standing: 'admitted' | 'suspended';
  readonly standingSince: string;
  readonly standingReason: string | null;
  readonly loansEnrolled: number;
  /** Covered principal of this bank's loans whose cover is still open (committedExposure). */
  readonly coveredPrincipal: string;
  readonly paid: string;
  readonly recovered: string;
  readonly paidInYear: string;
  readonly annualCapRemaining: string;
  /** AssessBank's inputs: principal of enrolments not released (repaid), and the part in default. */
  readonly enrolledPrincipal: string;
  readonly defaultedPrincipal: string;
  readonly badLoanRatioBps: BasisPoints;
}

export interface ClaimQueueEntry {
  readonly claimId: string;
  readonly loanId: string;
  readonly bankId: string;
  readonly status: ClaimStatus;
  readonly filedOn: string;
  readonly principalLoss: string;
  /**
   * What approving it now would give: computePayout with the claim's cover, the bank's annual cap
   * left in `year` and the fund's available balance. Each entry is computed on its own, as if
   * no other queued claim were paid first. Null when the fund has no policy.
   */
  readonly entitlement: {
    readonly ratioAmount: string;
    readonly payout: string;
    readonly boundApplied: PayoutBound;
  } | null;
  /** The current round: the payout being approved, approvals required, and who approved so far. */
  readonly approvals: {
    readonly payout: string | null;
    readonly approvalsRequired: number | null;
    readonly approvers: readonly string[];
  };
}

export interface WatchListEntry {
  readonly bankId: string;
  readonly standing: 'admitted' | 'suspended';
  readonly badLoanRatioBps: BasisPoints;
  readonly thresholdBps: BasisPoints;
  /** thresholdBps - badLoanRatioBps: negative once above the threshold. */
  readonly headroomBps: number;
  /** Strictly above the threshold: an assessment would suspend an admitted bank. */
  readonly breaches: boolean;
}

export interface FundDashboard {
  readonly fundId: string;
  readonly name: string;
  readonly establishedOn: string;
  readonly asOfDate: string;
  readonly year: number;
  readonly policyVersion: number | null;
  readonly capitalContributed: string;
  readonly available: string;
  readonly committedExposure: string;
  /** Sum of each open cover's maxCompensation: the most the fund could still have to pay. */
  readonly maximumLiability: string;
  readonly paid: string;
  readonly recovered: string;
  /** committedExposure / capitalContributed, in basis points rounded down (25000 = 2.5x); null with no capital. */
  readonly leverageBps: number | null;
  /** The same ratio as a decimal string with four places, rounded down ("2.5000"). */
  readonly leverage: string | null;
  readonly banks: readonly BankExposureView[];
  readonly claimQueue: readonly ClaimQueueEntry[];
  readonly watchList: readonly WatchListEntry[];
  readonly watchMarginBps: number;
}

/** Only the fund's own staff and auditors see the fund's position. */
const ALLOWED_ROLES = new Set(['fund-manager', 'auditor']);

async function rows<Row>(
  readStore: ReadStore,
  table: string,
  columns: readonly string[],
  money: ReadonlySet<string>,
  where: string,
  parameters: Record<string, unknown>,
): Promise<Row[]> {
  const builder = selectColumns(readStore.queries.createQueryBuilder().from(table, 't'), 't', columns, money);
  return (await builder.where(where, parameters).getRawMany()) as Row[];
}

/** The fund's state as the RiskFund aggregate holds it, rebuilt from the view's rows. */
function fundState(fund: StoredFund, banks: StoredFundBank[], loans: StoredFundLoan[]): EstablishedFund {
  const paidByBankYear: Record<string, bigint> = {};
  for (const bank of banks) {
    for (const [year, paid] of Object.entries(JSON.parse(bank.paid_by_year) as Record<string, string>)) {
      paidByBankYear[bankYearKey(bank.bank_id, Number(year))] = fen(paid);
    }
  }
  return {
    status: 'established',
    fundId: fund.fund_id,
    name: fund.name,
    establishedOn: fund.established_on,
    contributed: fen(fund.contributed),
    paid: fen(fund.paid),
    recovered: fen(fund.recovered),
    policy: fund.policy === null ? null : parseFundPolicy(JSON.parse(fund.policy) as FundPolicyData),
    banks: Object.fromEntries(banks.map((bank) => [bank.bank_id, bank.standing as 'admitted' | 'suspended'])),
    enrolments: Object.fromEntries(
      loans.map((loan) => [
        loan.loan_id,
        {
          loanId: loan.loan_id,
          bankId: loan.bank_id,
          enterpriseId: loan.enterprise_id,
          principal: fen(loan.principal),
          coveredPrincipal: fen(loan.covered_principal),
          coverageRatioBps: Number(loan.coverage_ratio_bps),
          tier: Number(loan.tier),
          perLoanCap: fen(loan.per_loan_cap),
          maxCompensation: fen(loan.max_compensation),
          policyVersion: Number(loan.policy_version),
          enrolledOn: loan.enrolled_on,
          status: loan.cover_status as 'covered' | 'compensated' | 'released',
        },
      ]),
    ),
    // Only the compensated amounts per bank and year matter to the figures computed here.
    paidClaims: {},
    paidByBankYear,
  };
}

function ratioText(bps: bigint): string {
  return `${bps / 10_000n}.${(bps % 10_000n).toString().padStart(4, '0')}`;
}

/**
 * The fund's position for its managers and auditors; null when there is no such fund.
 * Bad-loan ratios follow AssessBank's inputs (application bankExposureInFund): enrolled =
 * principal of the bank's enrolments whose cover was not released (a repaid loan leaves both
 * figures), defaulted = the part of it on loans in default (written-off loans stay bad).
 */
export async function getFundDashboard(
  readStore: ReadStore,
  caller: Actor,
  query: GetFundDashboardQuery,
): Promise<FundDashboard | null> {
  if (!ALLOWED_ROLES.has(caller.role)) throw new ReadAccessDeniedError('fund-dashboard', caller.role);
  const askedYear = checkedYear(query.year);
  const [fund] = await rows<StoredFund>(
    readStore,
    'fund_dashboard_funds',
    FUND_COLUMNS,
    FUND_MONEY,
    't.fund_id = :fundId',
    {
      fundId: query.fundId,
    },
  );
  if (!fund) return null;
  const byFund = ['t.fund_id = :fundId', { fundId: fund.fund_id }] as const;
  const banks = await rows<StoredFundBank>(
    readStore,
    'fund_dashboard_banks',
    FUND_BANK_COLUMNS,
    FUND_BANK_MONEY,
    ...byFund,
  );
  const loans = await rows<StoredFundLoan>(
    readStore,
    'fund_dashboard_loans',
    FUND_LOAN_COLUMNS,
    FUND_LOAN_MONEY,
    ...byFund,
  );
  const claims = await rows<StoredFundClaim>(
    readStore,
    'fund_dashboard_claims',
    FUND_CLAIM_COLUMNS,
    FUND_CLAIM_MONEY,
    't.fund_id = :fundId AND t.status IN (:...open)',
    { fundId: fund.fund_id, open: OPEN_CLAIM_STATUSES },
  );
  banks.sort((a, b) => (a.bank_id < b.bank_id ? -1 : a.bank_id > b.bank_id ? 1 : 0));
  claims.sort((a, b) =>
    a.filed_on < b.filed_on ? -1 : a.filed_on > b.filed_on ? 1 : a.claim_id < b.claim_id ? -1 : 1,
  );

  const state = fundState(fund, banks, loans);
  const year = askedYear ?? yearOf(fund.latest_business_date);
  const available = availableBalance(state);
  const committed = committedExposure(state);
  const contributed = state.contributed;
  const leverageBps = contributed > 0n ? (committed * 10_000n) / contributed : null;

  const bankViews: BankExposureView[] = banks.map((bank) => {
    const own = loans.filter((loan) => loan.bank_id === bank.bank_id);
    const notReleased = own.filter((loan) => loan.cover_status !== 'released');
    const enrolled = sumMoney(notReleased.map((loan) => fen(loan.principal)));
    const defaulted = sumMoney(
      notReleased.filter((loan) => Number(loan.in_default) === 1).map((loan) => fen(loan.principal)),
    );
    return {
      bankId: bank.bank_id,
      standing: bank.standing as 'admitted' | 'suspended',
      standingSince: bank.standing_since,
      standingReason: bank.standing_reason,
      loansEnrolled: own.length,
      coveredPrincipal: formatMoney(committedExposure(state, bank.bank_id)),
      paid: formatMoney(fen(bank.paid)),
      recovered: formatMoney(fen(bank.recovered)),
      paidInYear: formatMoney(bankPaidInYear(state, bank.bank_id, year)),
      annualCapRemaining: formatMoney(bankAnnualCapRemaining(state, bank.bank_id, year)),
      enrolledPrincipal: formatMoney(enrolled),
      defaultedPrincipal: formatMoney(defaulted),
      badLoanRatioBps: badLoanRatioBps(enrolled, defaulted),
    };
  });

  const policy = state.policy;
  const watchList: WatchListEntry[] =
    policy === null
      ? []
      : bankViews
          .filter((bank) => bank.badLoanRatioBps >= policy.bankSuspensionBadLoanRatioBps - SUSPENSION_WATCH_MARGIN_BPS)
          .map((bank) => ({
            bankId: bank.bankId,
            standing: bank.standing,
            badLoanRatioBps: bank.badLoanRatioBps,
            thresholdBps: policy.bankSuspensionBadLoanRatioBps,
            headroomBps: policy.bankSuspensionBadLoanRatioBps - bank.badLoanRatioBps,
            breaches: breachesSuspensionThreshold(bank.badLoanRatioBps, policy.bankSuspensionBadLoanRatioBps),
          }));

  const claimQueue: ClaimQueueEntry[] = claims.map((claim) => {
    const result =
      policy === null
        ? null
        : computePayout({
            principalLoss: fen(claim.principal_loss),
            coverageRatioBps: Number(claim.coverage_ratio_bps),
            perLoanCap: fen(claim.per_loan_cap),
            bankAnnualCapRemaining: bankAnnualCapRemaining(state, claim.bank_id, year),
            fundAvailableBalance: available,
          });
    return {
      claimId: claim.claim_id,
      loanId: claim.loan_id,
      bankId: claim.bank_id,
      status: claim.status as ClaimStatus,
      filedOn: claim.filed_on,
      principalLoss: formatMoney(fen(claim.principal_loss)),
      entitlement: result && {
        ratioAmount: formatMoney(result.ratioAmount),
        payout: formatMoney(result.payout),
        boundApplied: result.boundApplied,
      },
      approvals: {
        payout: claim.round_payout === null ? null : formatMoney(fen(claim.round_payout)),
        approvalsRequired: claim.approvals_required === null ? null : Number(claim.approvals_required),
        approvers: JSON.parse(claim.approvers) as string[],
      },
    };
  });

  return {
    fundId: fund.fund_id,
    name: fund.name,
    establishedOn: fund.established_on,
    asOfDate: fund.latest_business_date,
    year,
    policyVersion: policy?.version ?? null,
    capitalContributed: formatMoney(contributed),
    available: formatMoney(available),
    committedExposure: formatMoney(committed),
    maximumLiability: formatMoney(maximumLiability(state)),
    paid: formatMoney(state.paid),
    recovered: formatMoney(state.recovered),
    leverageBps: leverageBps === null ? null : Number(leverageBps),
    leverage: leverageBps === null ? null : ratioText(leverageBps),
    banks: bankViews,
    claimQueue,
    watchList,
    watchMarginBps: SUSPENSION_WATCH_MARGIN_BPS,
  };
}
