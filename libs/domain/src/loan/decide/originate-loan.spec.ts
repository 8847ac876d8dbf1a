import { ForbiddenError } from '../../shared/authorization';
import type { Actor } from '../../shared/decider';
import { InvalidRateError } from '../../shared/basis-points';
import { InvalidDateError } from '../../shared/business-date';
import { InvalidMoneyError } from '../../shared/money';
import { deciderSpec } from '../../testing/decider-spec';
import type { OriginateLoan, OriginateLoanData, PledgeDetails } from '../loan.commands';
import { loanDecider } from '../loan.decider';
import {
  InvalidLoanInputError,
  LoanAlreadyExistsError,
  LoanEnterpriseNotFoundError,
  LoanForeignBankError,
} from '../loan.errors';
import {
  BANK_ID,
  bankOfficer,
  borrower,
  command,
  ENTERPRISE_ID,
  history,
  LOAN_ID,
  otherBankOfficer,
  PLEDGE_DETAILS,
} from '../testing/loan.fixtures';

const spec = deciderSpec(loanDecider);

const valid: OriginateLoanData = {
  loanId: LOAN_ID,
  bankId: BANK_ID,
  enterpriseId: ENTERPRISE_ID,
  enterpriseRegistered: true,
  principal: '1000000',
  annualRateBps: 1200,
  termMonths: 6,
  repaymentMethod: 'bullet',
  originationDate: '2025-01-31',
  pledges: PLEDGE_DETAILS,
};
const pledge = (assetId: string, registrationNumber = 'ZX-1', consentingOwnerIds: string[] = []): PledgeDetails => ({
  assetId,
  registrationNumber,
  consentingOwnerIds,
});
const originate = (data: Partial<OriginateLoanData> = {}, actor: Actor = bankOfficer) =>
  command<OriginateLoan>('OriginateLoan', { ...valid, ...data }, actor);

describe('OriginateLoan', () => {
  it('originates a loan with its terms, pledged assets (with their registration details) and planned maturity', () => {
    spec
      .given([])
      .when(originate())
      .then([
        {
          type: 'LoanOriginated',
          data: {
            loanId: LOAN_ID,
            bankId: BANK_ID,
            enterpriseId: ENTERPRISE_ID,
            principal: '1000000.00',
            annualRateBps: 1200,
            termMonths: 6,
            repaymentMethod: 'bullet',
            originationDate: '2025-01-31',
            maturityDate: '2025-07-31',
            pledgedAssetIds: ['asset-1', 'asset-2'],
            pledges: [
              { assetId: 'asset-1', registrationNumber: 'ZX-2025-001', consentingOwnerIds: [] },
              { assetId: 'asset-2', registrationNumber: 'ZX-2025-002', consentingOwnerIds: ['ent-2'] },
            ],
          },
        },
      ]);
  });

  it('is for banks only', () => {
    spec.given([]).when(originate({}, borrower)).thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
  });

  it("refuses a bank originating in another bank's name", () => {
    spec.given([]).when(originate({}, otherBankOfficer)).thenThrows(LoanForeignBankError, 'LOAN.FOREIGN_BANK');
  });

  it('refuses an id that is taken', () => {
    spec.given(history.originated).when(originate()).thenThrows(LoanAlreadyExistsError, 'LOAN.ALREADY_EXISTS');
  });

  it('refuses a borrower that is not a registered enterprise', () => {
    spec
      .given([])
      .when(originate({ enterpriseRegistered: false }))
      .thenThrows(LoanEnterpriseNotFoundError, 'LOAN.ENTERPRISE_NOT_FOUND');
  });

  it.each<[string, Partial<OriginateLoanData>, abstract new (...args: never[]) => Error, string]>([
    ['no pledged asset', { pledges: [] }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
    [
      'the same asset twice',
      { pledges: [pledge('asset-1'), pledge('asset-1')] },
      InvalidLoanInputError,
      'LOAN.INVALID_INPUT',
    ],
    ['a blank asset id', { pledges: [pledge('')] }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
    [
      'a pledge without its registration number',
      { pledges: [pledge('asset-1', ' ')] },
      InvalidLoanInputError,
      'LOAN.INVALID_INPUT',
    ],
    [
      'a pledge without its consent list',
      { pledges: [{ assetId: 'asset-1', registrationNumber: 'ZX-1' } as PledgeDetails] },
      InvalidLoanInputError,
      'LOAN.INVALID_INPUT',
    ],
    [
      'a consenting owner named twice',
      { pledges: [pledge('asset-1', 'ZX-1', ['ent-2', 'ent-2'])] },
      InvalidLoanInputError,
      'LOAN.INVALID_INPUT',
    ],
    ['a blank loan id', { loanId: ' ' }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
    ['a principal of zero', { principal: '0.00' }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
    ['a principal with three decimals', { principal: '100.001' }, InvalidMoneyError, 'MONEY.INVALID'],
    ['a negative principal', { principal: '-5.00' }, InvalidMoneyError, 'MONEY.INVALID'],
    ['a fractional rate', { annualRateBps: 12.5 }, InvalidRateError, 'RATE.INVALID'],
    ['a rate above 50 %', { annualRateBps: 5001 }, InvalidRateError, 'RATE.INVALID'],
    ['a term of 0 months', { termMonths: 0 }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
    ['a term above 360 months', { termMonths: 361 }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
    ['an unknown repayment method', { repaymentMethod: 'balloon' }, InvalidLoanInputError, 'LOAN.INVALID_INPUT'],
    ['an impossible date', { originationDate: '2025-02-30' }, InvalidDateError, 'DATE.INVALID'],
  ])('refuses %s', (_label, data, errorClass, code) => {
    spec.given([]).when(originate(data)).thenThrows(errorClass, code);
  });

  it('names the field in a money error', () => {
    expect(() => loanDecider.decide(originate({ principal: '1,000' }), loanDecider.initialState)).toThrow(
      /principal: "1,000" is not an amount/,
    );
  });
});
