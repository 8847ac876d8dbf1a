import type {
  BasisPoints,
  DelinquencyBucket,
  EstablishedFund,
  FundPolicyData,
  LoanStatus,
} from '@pledge-ledger/domain';
import {
  badLoanRatioBps,
  bankAnnualCapRemaining,
  bankPaidInYear,
  bankYearKey,
  formatMoney,
  parseFundPolicy,
  sumMoney,
  yearOf,
} from '@pledge-ledger/domain';
import type { Actor } from '@pledge-ledger/event-store';
import { ReadAccessDeniedError } from '../read-access-denied.error';
import type { ReadStore } from '../read-store/read-store';
import { checkedYear, fen } from '../sql/view-sql';
import type { StoredPortfolioBank, StoredPortfolioFundBank, StoredPortfolioPolicy } from './bank-portfolio.rows';

export interface GetBankPortfolioQuery {
  readonly bankId: string;
  /**
   * The calendar year of the annual caps shown. Default: the year of the latest business date on
   * the bank's loans' and compensations' events (the view has no clock; a replay answers the same).
   */
  readonly year?: number;
}

export interface PortfolioFigures {
  readonly loans: number;
  readonly principal: string;
  readonly outstandingPrincipal: string;
}

export interface FundCapUse {
  readonly fundId: string;
  readonly standing: 'admitted' | 'suspended';
  /** Null while the fund has published no policy. */
  readonly policyVersion: number | null;
  readonly perBankAnnualCap: string;
  /** Compensation the fund paid this bank in `year`, and what the cap leaves (never below zero). */
  readonly capUsed: string;
  readonly capLeft: string;
  /**
   * The bank's loans covered by this fund, not repaid: principal, the part in default (defaulted
   * or written off), and their ratio, the figure the fund's suspension threshold is applied to.
   */
  readonly enrolledPrincipal: string;
  readonly defaultedPrincipal: string;
  readonly badLoanRatioBps: BasisPoints;
}

export interface BankPortfolio {
  readonly bankId: string;
  readonly name: string;
  /**
   * all-loans for the bank itself and auditors; fund-covered-loans for fund managers, who see a
   * bank's loans only once a fund covers them (DESIGN.md section 1).
   */
  readonly scope: 'all-loans' | 'fund-covered-loans';
  readonly asOfDate: string | null;
  readonly year: number | null;
  readonly totals: PortfolioFigures;
  /** Every loan status, in lifecycle order, zeros included. */
  readonly byStatus: ReadonlyArray<PortfolioFigures & { readonly status: LoanStatus }>;
  /** Loans with a bucket (disbursed and not closed; see BankPortfolioLoanRow), every bucket listed. */
  readonly byBucket: ReadonlyArray<PortfolioFigures & { readonly bucket: DelinquencyBucket }>;
  /**
   * Bad-loan ratio of the whole book, a balance ratio like the fund's: principal of defaulted and
   * written-off loans over principal of every disbursed loan not repaid (active, defaulted,
   * written off), with the domain's badLoanRatioBps (bps, rounded down).
   */
  readonly badLoans: {
    readonly basePrincipal: string;
    readonly badPrincipal: string;
    readonly badLoanRatioBps: BasisPoints;
  };
  readonly funds: readonly FundCapUse[];
}

const STATUSES: readonly LoanStatus[] = [
  'originated',
  'pledges-secured',
  'pledges-refused',
  'active',
  'repaid',
  'defaulted',
  'written-off',
];
const BUCKETS: readonly DelinquencyBucket[] = ['current', '1-30', '31-60', '61-90', '90+'];
const BAD: ReadonlySet<string> = new Set(['defaulted', 'written-off']);
const ON_BOOK: ReadonlySet<string> = new Set(['active', 'defaulted', 'written-off']);

const ALLOWED_ROLES = new Set(['bank', 'fund-manager', 'auditor']);

interface Group {
  status: string;
  bucket: string | null;
  fund_id: string | null;
  loans: string | number;
  principal: string | null;
  outstanding: string | null;
}

interface Sum {
  loans: number;
  principal: bigint;
  outstanding: bigint;
}

function total(groups: readonly Group[]): Sum {
  return {
    loans: groups.reduce((n, g) => n + Number(g.loans), 0),
    principal: sumMoney(groups.map((g) => fen(g.principal))),
    outstanding: sumMoney(groups.map((g) => fen(g.outstanding))),
  };
}

function figures(sum: Sum): PortfolioFigures {
  return {
    loans: sum.loans,
    principal: formatMoney(sum.principal),
    outstandingPrincipal: formatMoney(sum.outstanding),
  };
}

/** Only the figures the cap functions read: the policy and the bank's payments per year. */
function capState(policy: StoredPortfolioPolicy | undefined, fundBank: StoredPortfolioFundBank): EstablishedFund {
  const paidByBankYear: Record<string, bigint> = {};
  for (const [year, paid] of Object.entries(JSON.parse(fundBank.paid_by_year) as Record<string, string>)) {
    paidByBankYear[bankYearKey(fundBank.bank_id, Number(year))] = fen(paid);
  }
  return {
    status: 'established',
    fundId: fundBank.fund_id,
    name: '',
    establishedOn: '',
    contributed: 0n,
    paid: 0n,
    recovered: 0n,
    policy: policy ? parseFundPolicy(JSON.parse(policy.policy) as FundPolicyData) : null,
    banks: { [fundBank.bank_id]: fundBank.standing as 'admitted' | 'suspended' },
    enrolments: {},
    paidClaims: {},
    paidByBankYear,
  };
}

/**
 * A bank's portfolio: counts and totals by status and bucket, bad-loan ratio, and per fund the
 * annual cap used and left. A bank reads only its own (another bank's id, or an unknown one,
 * answers null: not found); fund managers (covered loans only) and auditors read any bank's.
 */
export async function getBankPortfolio(
  readStore: ReadStore,
  caller: Actor,
  query: GetBankPortfolioQuery,
): Promise<BankPortfolio | null> {
  if (!ALLOWED_ROLES.has(caller.role)) throw new ReadAccessDeniedError('bank-portfolio', caller.role);
  const askedYear = checkedYear(query.year);
  if (caller.role === 'bank' && caller.bankId !== query.bankId) return null;
  const db = readStore.queries;
  const bank = (await db
    .createQueryBuilder()
    .select('b.bank_id', 'bank_id')
    .addSelect('b.name', 'name')
    .addSelect('b.latest_business_date', 'latest_business_date')
    .from('bank_portfolio_banks', 'b')
    .where('b.bank_id = :bankId', { bankId: query.bankId })
    .getRawOne()) as StoredPortfolioBank | undefined;
  if (!bank) return null;
  const scope = caller.role === 'fund-manager' ? 'fund-covered-loans' : 'all-loans';

  const grouped = db
    .createQueryBuilder()
    .select('l.status', 'status')
    .addSelect('l.bucket', 'bucket')
    .addSelect('l.fund_id', 'fund_id')
    .addSelect('COUNT(*)', 'loans')
    .addSelect('CAST(SUM(l.principal) AS TEXT)', 'principal')
    .addSelect('CAST(SUM(l.outstanding_principal) AS TEXT)', 'outstanding')
    .from('bank_portfolio_loans', 'l')
    .where('l.bank_id = :bankId', { bankId: bank.bank_id })
    .groupBy('l.status')
    .addGroupBy('l.bucket')
    .addGroupBy('l.fund_id');
  if (scope === 'fund-covered-loans') grouped.andWhere('l.fund_id IS NOT NULL');
  const groups = (await grouped.getRawMany()) as Group[];

  const fundBanks = (await db
    .createQueryBuilder()
    .select([
      'f.fund_id AS fund_id',
      'f.bank_id AS bank_id',
      'f.standing AS standing',
      'f.paid_by_year AS paid_by_year',
    ])
    .from('bank_portfolio_fund_banks', 'f')
    .where('f.bank_id = :bankId', { bankId: bank.bank_id })
    .orderBy('f.fund_id', 'ASC')
    .getRawMany()) as StoredPortfolioFundBank[];
  const fundIds = fundBanks.map((f) => f.fund_id);
  const policies =
    fundIds.length === 0
      ? []
      : ((await db
          .createQueryBuilder()
          .select(['p.fund_id AS fund_id', 'p.policy AS policy'])
          .from('bank_portfolio_fund_policies', 'p')
          .where('p.fund_id IN (:...fundIds)', { fundIds })
          .getRawMany()) as StoredPortfolioPolicy[]);

  const asOfDate = bank.latest_business_date;
  const year = askedYear ?? (asOfDate === null ? null : yearOf(asOfDate));
  const bad = total(groups.filter((g) => BAD.has(g.status)));
  const onBook = total(groups.filter((g) => ON_BOOK.has(g.status)));

  const funds: FundCapUse[] = fundBanks.map((fundBank) => {
    const state = capState(
      policies.find((p) => p.fund_id === fundBank.fund_id),
      fundBank,
    );
    const covered = groups.filter((g) => g.fund_id === fundBank.fund_id && g.status !== 'repaid');
    const enrolled = total(covered).principal;
    const defaulted = total(covered.filter((g) => BAD.has(g.status))).principal;
    return {
      fundId: fundBank.fund_id,
      standing: fundBank.standing as 'admitted' | 'suspended',
      policyVersion: state.policy?.version ?? null,
      perBankAnnualCap: formatMoney(state.policy?.perBankAnnualCap ?? 0n),
      capUsed: formatMoney(year === null ? 0n : bankPaidInYear(state, bank.bank_id, year)),
      capLeft: formatMoney(
        year === null ? (state.policy?.perBankAnnualCap ?? 0n) : bankAnnualCapRemaining(state, bank.bank_id, year),
      ),
      enrolledPrincipal: formatMoney(enrolled),
      defaultedPrincipal: formatMoney(defaulted),
      badLoanRatioBps: badLoanRatioBps(enrolled, defaulted),
    };
  });

  return {
    bankId: bank.bank_id,
    name: bank.name,
    scope,
    asOfDate,
    year,
    totals: figures(total(groups)),
    byStatus: STATUSES.map((status) => ({ status, ...figures(total(groups.filter((g) => g.status === status))) })),
    byBucket: BUCKETS.map((bucket) => ({ bucket, ...figures(total(groups.filter((g) => g.bucket === bucket))) })),
    badLoans: {
      basePrincipal: formatMoney(onBook.principal),
      badPrincipal: formatMoney(bad.principal),
      badLoanRatioBps: badLoanRatioBps(onBook.principal, bad.principal),
    },
    funds,
  };
}
