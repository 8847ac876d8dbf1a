/**
 * Histories and commands for the loan specs (test support only; not exported from the library).
 * The standard loan: 1,000,000.00 at 12 % a year (10,000.00 interest a month), 6 months, bullet,
 * originated 2025-01-10, disbursed 2025-01-15; instalments due on the 15th, Feb to Jul 2025.
 */
import type { Actor } from '../../shared/decider';
import { formatMoney, parseMoney } from '../../shared/money';
import type { RepaymentMethod } from '../arithmetic';
import { buildSchedule } from '../arithmetic';
import type { LoanCommand } from '../loan.commands';
import type {
  LoanDefaulted,
  LoanDisbursed,
  LoanFundCoverageRecorded,
  LoanOriginated,
  LoanPledgeRefused,
  LoanPledgesSecured,
  RecoveryRecorded,
  RepaymentReceived,
} from '../loan.events';

export const LOAN_ID = 'loan-1';
export const BANK_ID = 'bank-1';
export const ENTERPRISE_ID = 'ent-1';
export const ASSET_IDS = ['asset-1', 'asset-2'] as const;
/** What the bank states for each pledged asset at origination; asset-2 is co-owned with ent-2. */
export const PLEDGE_DETAILS = [
  { assetId: 'asset-1', registrationNumber: 'ZX-2025-001', consentingOwnerIds: [] },
  { assetId: 'asset-2', registrationNumber: 'ZX-2025-002', consentingOwnerIds: ['ent-2'] },
];
export const ORIGINATED_ON = '2025-01-10';
export const DISBURSED_ON = '2025-01-15';
export const FIRST_DUE = '2025-02-15';

export const bankOfficer: Actor = { sub: 'officer-1', role: 'bank', bankId: BANK_ID };
export const otherBankOfficer: Actor = { sub: 'officer-9', role: 'bank', bankId: 'bank-2' };
export const processManager: Actor = { sub: 'process-manager', role: 'system' };
export const borrower: Actor = { sub: 'owner-1', role: 'enterprise', enterpriseId: ENTERPRISE_ID };
export const fundManager: Actor = { sub: 'fm-1', role: 'fund-manager' };

export function command<C extends LoanCommand>(type: C['type'], data: C['data'], actor: Actor = bankOfficer): C {
  return { type, data, metadata: { actor, now: '2025-06-01T08:00:00.000Z' } } as C;
}

export interface LoanTermsFixture {
  principal: string;
  annualRateBps: number;
  termMonths: number;
  repaymentMethod: RepaymentMethod;
}

export const bulletTerms: LoanTermsFixture = {
  principal: '1000000.00',
  annualRateBps: 1200,
  termMonths: 6,
  repaymentMethod: 'bullet',
};

export function originated(terms: LoanTermsFixture = bulletTerms): LoanOriginated {
  return {
    type: 'LoanOriginated',
    data: {
      loanId: LOAN_ID,
      bankId: BANK_ID,
      enterpriseId: ENTERPRISE_ID,
      ...terms,
      originationDate: ORIGINATED_ON,
      maturityDate: '2025-07-10',
      pledgedAssetIds: [...ASSET_IDS],
      pledges: PLEDGE_DETAILS,
    },
  };
}

export const pledgesSecured: LoanPledgesSecured = {
  type: 'LoanPledgesSecured',
  data: {
    loanId: LOAN_ID,
    bankId: BANK_ID,
    pledges: [
      { assetId: 'asset-1', registrationNumber: 'ZX-2025-001', registeredOn: '2025-01-12' },
      { assetId: 'asset-2', registrationNumber: 'ZX-2025-002', registeredOn: '2025-01-12' },
    ],
  },
};

export const pledgeRefused: LoanPledgeRefused = {
  type: 'LoanPledgeRefused',
  data: { loanId: LOAN_ID, bankId: BANK_ID, refusals: [{ assetId: 'asset-2', reasons: ['annual fee lapsed'] }] },
};

export function disbursed(terms: LoanTermsFixture = bulletTerms, valueDate = DISBURSED_ON): LoanDisbursed {
  const schedule = buildSchedule({
    principal: parseMoney(terms.principal),
    annualRateBps: terms.annualRateBps,
    termMonths: terms.termMonths,
    method: terms.repaymentMethod,
    startDate: valueDate,
  });
  return {
    type: 'LoanDisbursed',
    data: {
      loanId: LOAN_ID,
      bankId: BANK_ID,
      enterpriseId: ENTERPRISE_ID,
      valueDate,
      amount: terms.principal,
      annualRateBps: terms.annualRateBps,
      termMonths: terms.termMonths,
      repaymentMethod: terms.repaymentMethod,
      maturityDate: schedule[schedule.length - 1].dueDate,
      schedule: schedule.map((i) => ({
        number: i.number,
        dueDate: i.dueDate,
        principal: formatMoney(i.principal),
        interest: formatMoney(i.interest),
      })),
    },
  };
}

export function repaymentReceived(
  valueDate: string,
  amount: string,
  interest: string,
  principal: string,
  outstandingPrincipalAfter: string,
  interestDueAfter = '0.00',
): RepaymentReceived {
  return {
    type: 'RepaymentReceived',
    data: {
      loanId: LOAN_ID,
      bankId: BANK_ID,
      valueDate,
      amount,
      interest,
      principal,
      outstandingPrincipalAfter,
      interestDueAfter,
    },
  };
}

export function coverageRecorded(defaultThresholdDays = 90, fundId = 'fund-1'): LoanFundCoverageRecorded {
  return {
    type: 'LoanFundCoverageRecorded',
    data: {
      loanId: LOAN_ID,
      bankId: BANK_ID,
      fundId,
      coverageRatioBps: 4000,
      coveredPrincipal: '1000000.00',
      policyVersion: 1,
      defaultThresholdDays,
    },
  };
}

/** Defaulted 91 days after the first (unpaid) instalment, with 1,000,000.00 outstanding. */
export const DEFAULTED_AS_OF = '2025-05-17';
export const defaulted: LoanDefaulted = {
  type: 'LoanDefaulted',
  data: {
    loanId: LOAN_ID,
    bankId: BANK_ID,
    asOf: DEFAULTED_AS_OF,
    daysPastDue: 91,
    thresholdDays: 90,
    thresholdSource: 'standard',
    fundId: null,
    policyVersion: null,
    outstandingPrincipal: '1000000.00',
    principalDue: '0.00',
    interestDue: '40000.00',
  },
};

export function recoveryRecorded(amount: string, totalRecovered: string, valueDate = '2025-08-01'): RecoveryRecorded {
  return {
    type: 'RecoveryRecorded',
    data: {
      loanId: LOAN_ID,
      bankId: BANK_ID,
      valueDate,
      amount,
      costs: '0.00',
      netAmount: amount,
      source: 'guarantor',
      assetId: null,
      totalRecovered,
      outstandingPrincipalAtDefault: '1000000.00',
    },
  };
}

/** Histories by status. */
export const history = {
  originated: [originated()],
  pledgesSecured: [originated(), pledgesSecured],
  pledgesRefused: [originated(), pledgeRefused],
  active: [originated(), pledgesSecured, disbursed()],
  repaid: [
    originated(),
    pledgesSecured,
    disbursed(),
    repaymentReceived('2025-03-20', '1020000.00', '20000.00', '1000000.00', '0.00'),
    {
      type: 'LoanRepaid' as const,
      data: {
        loanId: LOAN_ID,
        bankId: BANK_ID,
        valueDate: '2025-03-20',
        totalPrincipalRepaid: '1000000.00',
        totalInterestRepaid: '20000.00',
      },
    },
  ],
  defaulted: [originated(), pledgesSecured, disbursed(), defaulted],
  writtenOff: [
    originated(),
    pledgesSecured,
    disbursed(),
    defaulted,
    {
      type: 'LoanWrittenOff' as const,
      data: {
        loanId: LOAN_ID,
        bankId: BANK_ID,
        valueDate: '2025-09-01',
        amount: '1000000.00',
        outstandingPrincipalAtDefault: '1000000.00',
        totalRecovered: '0.00',
      },
    },
  ],
};
