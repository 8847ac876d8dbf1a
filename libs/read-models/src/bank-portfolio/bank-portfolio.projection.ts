import type { BankRegistered, LoanEvent, RiskFundEvent } from '@pledge-ledger/domain';
import { bucketFor, maxMoney, parseMoney } from '@pledge-ledger/domain';
import type { RecordedEvent } from '@pledge-ledger/event-store';
import type { Projection, ProjectionContext } from '../projections/projection';
import {
  PORTFOLIO_BANK_COLUMNS,
  PORTFOLIO_FUND_BANK_COLUMNS,
  PORTFOLIO_LOAN_COLUMNS,
  PORTFOLIO_LOAN_MONEY,
  PORTFOLIO_POLICY_COLUMNS,
  type StoredPortfolioBank,
  type StoredPortfolioFundBank,
  type StoredPortfolioLoan,
  type StoredPortfolioPolicy,
} from './bank-portfolio.rows';
import { upsertRows } from '../sql/upsert-rows';
import { asDomainEvent, fen, fenText, laterDate, loadRows } from '../sql/view-sql';

type Tables = 'banks' | 'loans' | 'policies' | 'fundBanks';

const NO_MONEY: ReadonlySet<string> = new Set();

const LOAN_EVENT_TYPES: ReadonlySet<LoanEvent['type']> = new Set([
  'LoanOriginated',
  'LoanPledgesSecured',
  'LoanPledgeRefused',
  'LoanDisbursed',
  'RepaymentReceived',
  'LoanRepaid',
  'LoanDelinquencyAssessed',
  'LoanDefaulted',
  'RecoveryRecorded',
  'LoanWrittenOff',
  'LoanFundCoverageRecorded',
]);

type FundEvent = Extract<
  RiskFundEvent,
  { type: 'FundPolicyPublished' | 'BankAdmitted' | 'BankSuspended' | 'BankReinstated' | 'CompensationPaid' }
>;
const FUND_EVENT_TYPES: ReadonlySet<FundEvent['type']> = new Set([
  'FundPolicyPublished',
  'BankAdmitted',
  'BankSuspended',
  'BankReinstated',
  'CompensationPaid',
]);

type Handled = BankRegistered | LoanEvent | FundEvent;

const fundBankKey = (fundId: string, bankId: string): string => JSON.stringify([fundId, bankId]);
const money = (amount: string): string => fenText(parseMoney(amount));

/** The loan row after `event`; undefined when the loan's origination has not been seen. */
function foldLoan(row: StoredPortfolioLoan | undefined, event: LoanEvent): StoredPortfolioLoan | undefined {
  if (event.type === 'LoanOriginated') {
    const data = event.data;
    return {
      loan_id: data.loanId,
      bank_id: data.bankId,
      enterprise_id: data.enterpriseId,
      fund_id: null,
      status: 'originated',
      principal: money(data.principal),
      outstanding_principal: '0',
      bucket: null,
      days_past_due: null,
      bucket_as_of: null,
    };
  }
  if (!row) return undefined;
  const closed = { outstanding_principal: '0', bucket: null, days_past_due: null, bucket_as_of: null };
  switch (event.type) {
    case 'LoanPledgesSecured':
      return { ...row, status: 'pledges-secured' };
    case 'LoanPledgeRefused':
      return { ...row, status: 'pledges-refused' };
    case 'LoanDisbursed':
      return {
        ...row,
        status: 'active',
        outstanding_principal: money(event.data.amount),
        bucket: 'current',
        days_past_due: 0,
        bucket_as_of: event.data.valueDate,
      };
    case 'RepaymentReceived':
      return { ...row, outstanding_principal: money(event.data.outstandingPrincipalAfter) };
    case 'LoanRepaid':
      return { ...row, status: 'repaid', ...closed };
    case 'LoanDelinquencyAssessed':
      return {
        ...row,
        outstanding_principal: money(event.data.outstandingPrincipal),
        bucket: event.data.bucket,
        days_past_due: event.data.daysPastDue,
        bucket_as_of: event.data.asOf,
      };
    case 'LoanDefaulted':
      return {
        ...row,
        status: 'defaulted',
        outstanding_principal: money(event.data.outstandingPrincipal),
        bucket: bucketFor(event.data.daysPastDue),
        days_past_due: event.data.daysPastDue,
        bucket_as_of: event.data.asOf,
      };
    case 'RecoveryRecorded': {
      const left = parseMoney(event.data.outstandingPrincipalAtDefault) - parseMoney(event.data.totalRecovered);
      return { ...row, outstanding_principal: fenText(maxMoney(0n, left)) };
    }
    case 'LoanWrittenOff':
      return { ...row, status: 'written-off', ...closed };
    case 'LoanFundCoverageRecorded':
      return { ...row, fund_id: event.data.fundId };
  }
}

/** The business date a loan event happened on. */
function loanDateOf(event: LoanEvent): string {
  switch (event.type) {
    case 'LoanOriginated':
      return event.data.originationDate;
    case 'LoanDisbursed':
    case 'RepaymentReceived':
    case 'LoanRepaid':
    case 'RecoveryRecorded':
    case 'LoanWrittenOff':
      return event.data.valueDate;
    case 'LoanDelinquencyAssessed':
    case 'LoanDefaulted':
      return event.data.asOf;
    case 'LoanPledgesSecured':
      return event.data.pledges.reduce((latest, pledge) => laterDate(latest, pledge.registeredOn) ?? '', '');
    case 'LoanPledgeRefused':
    case 'LoanFundCoverageRecorded':
      return '';
  }
}

/**
 * Keeps the bank portfolio: each bank, each of its loans (status, principal, outstanding
 * principal, delinquency bucket, covering fund), the funds' current policies and each bank's
 * standing and compensation per year in each fund. Totals, ratios and caps are computed by the
 * query from these rows with the domain's functions.
 */
export const bankPortfolioProjection: Projection<Tables> = {
  name: 'bank-portfolio',
  handles: new Set<string>(['BankRegistered', ...LOAN_EVENT_TYPES, ...FUND_EVENT_TYPES]),
  tables: {
    banks: 'bank_portfolio_banks',
    loans: 'bank_portfolio_loans',
    policies: 'bank_portfolio_fund_policies',
    fundBanks: 'bank_portfolio_fund_banks',
  },

  async apply(recorded: readonly RecordedEvent[], context: ProjectionContext<Tables>): Promise<void> {
    const { manager, tables } = context;
    const events = recorded.map((event) => asDomainEvent<Handled>(event));
    const isLoan = (e: Handled): e is LoanEvent => LOAN_EVENT_TYPES.has(e.type as LoanEvent['type']);
    const isFund = (e: Handled): e is FundEvent => FUND_EVENT_TYPES.has(e.type as FundEvent['type']);
    const bankIds = events.flatMap((e) => ('bankId' in e.data ? [e.data.bankId] : []));
    const fundIds = events.flatMap((e) => (isFund(e) ? [e.data.fundId] : []));
    const loanIds = events.flatMap((e) => (isLoan(e) ? [e.data.loanId] : []));

    const banks = new Map(
      (
        await loadRows<StoredPortfolioBank>(manager, tables.banks, PORTFOLIO_BANK_COLUMNS, NO_MONEY, 'bank_id', bankIds)
      ).map((row) => [row.bank_id, row]),
    );
    const loans = new Map(
      (
        await loadRows<StoredPortfolioLoan>(
          manager,
          tables.loans,
          PORTFOLIO_LOAN_COLUMNS,
          PORTFOLIO_LOAN_MONEY,
          'loan_id',
          loanIds,
        )
      ).map((row) => [
        row.loan_id,
        { ...row, days_past_due: row.days_past_due === null ? null : Number(row.days_past_due) },
      ]),
    );
    const policies = new Map(
      (
        await loadRows<StoredPortfolioPolicy>(
          manager,
          tables.policies,
          PORTFOLIO_POLICY_COLUMNS,
          NO_MONEY,
          'fund_id',
          fundIds,
        )
      ).map((row) => [row.fund_id, row]),
    );
    const fundBanks = new Map(
      (
        await loadRows<StoredPortfolioFundBank>(
          manager,
          tables.fundBanks,
          PORTFOLIO_FUND_BANK_COLUMNS,
          NO_MONEY,
          'fund_id',
          fundIds,
        )
      ).map((row) => [fundBankKey(row.fund_id, row.bank_id), row]),
    );
    const touched = {
      banks: new Set<string>(),
      loans: new Set<string>(),
      policies: new Set<string>(),
      fundBanks: new Set<string>(),
    };
    const seeDate = (bankId: string, date: string): void => {
      const bank = banks.get(bankId);
      if (!bank || date === '' || (bank.latest_business_date ?? '') >= date) return;
      banks.set(bankId, { ...bank, latest_business_date: date });
      touched.banks.add(bankId);
    };

    for (const event of events) {
      if (event.type === 'BankRegistered') {
        const existing = banks.get(event.data.bankId);
        banks.set(event.data.bankId, {
          bank_id: event.data.bankId,
          name: event.data.name,
          latest_business_date: existing?.latest_business_date ?? null,
        });
        touched.banks.add(event.data.bankId);
      } else if (isLoan(event)) {
        const row = foldLoan(loans.get(event.data.loanId), event);
        if (!row) continue;
        loans.set(row.loan_id, row);
        touched.loans.add(row.loan_id);
        seeDate(row.bank_id, loanDateOf(event));
      } else {
        applyFundEvent(event);
      }
    }

    function applyFundEvent(event: FundEvent): void {
      if (event.type === 'FundPolicyPublished') {
        const { fundId, ...policy } = event.data;
        policies.set(fundId, { fund_id: fundId, policy: JSON.stringify(policy) });
        touched.policies.add(fundId);
        return;
      }
      const key = fundBankKey(event.data.fundId, event.data.bankId);
      const row = fundBanks.get(key);
      let next: StoredPortfolioFundBank | undefined;
      switch (event.type) {
        case 'BankAdmitted':
          next = { fund_id: event.data.fundId, bank_id: event.data.bankId, standing: 'admitted', paid_by_year: '{}' };
          break;
        case 'BankSuspended':
          next = row && { ...row, standing: 'suspended' };
          break;
        case 'BankReinstated':
          next = row && { ...row, standing: 'admitted' };
          break;
        case 'CompensationPaid': {
          if (!row) break;
          const byYear = JSON.parse(row.paid_by_year) as Record<string, string>;
          const year = String(event.data.year);
          byYear[year] = fenText(fen(byYear[year] ?? '0') + parseMoney(event.data.amount));
          next = { ...row, paid_by_year: JSON.stringify(byYear) };
          seeDate(event.data.bankId, event.data.valueDate);
          break;
        }
      }
      if (!next) return;
      fundBanks.set(key, next);
      touched.fundBanks.add(key);
    }

    const pick = <Row>(rows: Map<string, Row>, keys: Set<string>): Row[] => [...keys].map((key) => rows.get(key)!);
    await upsertRows(context, tables.banks, pick(banks, touched.banks), {
      key: ['bank_id'],
      update: ['name', 'latest_business_date'],
    });
    await upsertRows(context, tables.loans, pick(loans, touched.loans), {
      key: ['loan_id'],
      update: PORTFOLIO_LOAN_COLUMNS.filter((c) => c !== 'loan_id'),
    });
    await upsertRows(context, tables.policies, pick(policies, touched.policies), {
      key: ['fund_id'],
      update: ['policy'],
    });
    await upsertRows(context, tables.fundBanks, pick(fundBanks, touched.fundBanks), {
      key: ['fund_id', 'bank_id'],
      update: ['standing', 'paid_by_year'],
    });
  },
};
