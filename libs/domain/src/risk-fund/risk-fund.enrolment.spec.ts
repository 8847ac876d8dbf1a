import { ForbiddenError } from '../shared/authorization';
import type { Actor } from '../shared/decider';
import { foldEvents } from '../shared/decider';
import { deciderSpec } from '../testing/decider-spec';
import { committedExposure, loanCover, maximumLiability } from './fund-position';
import type { EnrolLoan, ReleaseLoanCover } from './risk-fund.commands';
import { riskFundDecider } from './risk-fund.decider';
import {
  FundBankNotAdmittedError,
  FundBankSuspendedError,
  FundInvalidInputError,
  FundLoanAlreadyEnrolledError,
  FundLoanNotEligibleError,
  FundLoanNotEnrolledError,
  FundNoPolicyError,
  FundNotFoundError,
} from './risk-fund.errors';
import type { RiskFundEvent } from './risk-fund.events';
import {
  FUND_ID,
  bankAdmitted,
  bankSuspended,
  compensationPaid,
  fundCommand,
  fundEstablished,
  loanEnrolled,
  operatingFund,
  policyPublished,
  systemActor,
} from './risk-fund.fixtures';

const spec = deciderSpec(riskFundDecider);
const bank: Actor = { sub: 'b-user', role: 'bank', bankId: 'b-1' };

function enrol(overrides: Partial<EnrolLoan['data']> = {}, actor?: Actor): EnrolLoan {
  return fundCommand<EnrolLoan>(
    'EnrolLoan',
    {
      fundId: FUND_ID,
      loanId: 'l-1',
      bankId: 'b-1',
      enterpriseId: 'e-1',
      principal: '4000000.00',
      loanStanding: 'disbursed',
      enterpriseSize: 'small',
      enterpriseCertifications: ['high-tech'],
      enrolledOn: '2026-01-15',
      ...overrides,
    },
    actor,
  );
}

function reasonsOf(history: RiskFundEvent[], command: EnrolLoan): unknown {
  try {
    spec.given(history).when(command).events();
  } catch (error) {
    expect(error).toBeInstanceOf(FundLoanNotEligibleError);
    return (error as FundLoanNotEligibleError).details['reasons'];
  }
  throw new Error('expected a refusal');
}

describe('EnrolLoan', () => {
  it('enrols an eligible loan with its tier, ratio, cap and policy version', () =>
    spec
      .given(operatingFund)
      .when(enrol())
      .then([loanEnrolled('l-1', 'b-1')]));

  it.each([
    ['5000000.00', 1, 4000, '2000000.00'],
    ['5000000.01', 2, 3000, '1500000.00'],
    ['15000000.00', 2, 3000, '3000000.00'],
    ['30000000.00', 3, 2000, '3000000.00'],
  ])('a %s loan is covered in tier %i at %i bps (max compensation %s)', (principal, tier, ratio, max) => {
    const [event] = spec.given(operatingFund).when(enrol({ principal })).events();
    expect(event.data).toMatchObject({
      tier,
      coverageRatioBps: ratio,
      maxCompensation: max,
      coveredPrincipal: principal,
    });
  });

  it('refuses a loan already enrolled', () =>
    spec
      .given([...operatingFund, loanEnrolled('l-1', 'b-1')])
      .when(enrol())
      .thenThrows(FundLoanAlreadyEnrolledError, 'FUND.LOAN_ALREADY_ENROLLED'));
  it('refuses a bank not admitted', () =>
    spec
      .given(operatingFund)
      .when(enrol({ bankId: 'b-9' }))
      .thenThrows(FundBankNotAdmittedError, 'FUND.BANK_NOT_ADMITTED'));
  it('refuses a suspended bank', () =>
    spec
      .given([...operatingFund, bankSuspended('b-1')])
      .when(enrol())
      .thenThrows(FundBankSuspendedError, 'FUND.BANK_SUSPENDED'));
  it('accepts the bank again once reinstated', () =>
    spec
      .given([
        ...operatingFund,
        bankSuspended('b-1'),
        { type: 'BankReinstated', data: { fundId: FUND_ID, bankId: 'b-1', reason: 'ok', reinstatedOn: '2026-03-01' } },
      ])
      .when(enrol())
      .then([loanEnrolled('l-1', 'b-1')]));
  it('refuses without a policy', () =>
    spec
      .given([fundEstablished, bankAdmitted('b-1')])
      .when(enrol())
      .thenThrows(FundNoPolicyError, 'FUND.NO_POLICY'));
  it('enrols under the current (latest) policy', () => {
    const [event] = spec
      .given([
        ...operatingFund,
        policyPublished({
          version: 2,
          coverageTiers: [{ upToPrincipal: '30000000.00', ratioBps: 2500 }],
          defaultThresholdDays: 60,
        }),
      ])
      .when(enrol())
      .events();
    expect(event.data).toMatchObject({ policyVersion: 2, coverageRatioBps: 2500, tier: 1, defaultThresholdDays: 60 });
  });

  describe('eligibility (FUND.LOAN_NOT_ELIGIBLE, every reason listed)', () => {
    it('refuses an enterprise size the policy does not admit', () =>
      expect(reasonsOf(operatingFund, enrol({ enterpriseSize: 'medium' }))).toEqual(['enterprise-size']));
    it('refuses an enterprise with none of the eligible certifications', () => {
      const history = [
        ...operatingFund,
        policyPublished({ version: 2, eligibleCertifications: ['little-giant', 'tech-sme'] }),
      ];
      expect(reasonsOf(history, enrol({ enterpriseCertifications: ['high-tech'] }))).toEqual(['certification']);
      expect(reasonsOf(history, enrol({ enterpriseCertifications: [] }))).toEqual(['certification']);
      expect(
        spec
          .given(history)
          .when(enrol({ enterpriseCertifications: ['tech-sme'] }))
          .events(),
      ).toHaveLength(1);
    });
    it('an empty certification list admits any enterprise', () =>
      expect(
        spec
          .given(operatingFund)
          .when(enrol({ enterpriseCertifications: [] }))
          .events(),
      ).toHaveLength(1));
    it('refuses a principal above the maximum loan size', () => {
      const history = [...operatingFund, policyPublished({ version: 2, maxLoanPrincipal: '10000000.00' })];
      expect(reasonsOf(history, enrol({ principal: '10000000.01' }))).toEqual(['above-max-principal']);
    });
    it('refuses a principal above every tier', () => {
      const history = [...operatingFund, policyPublished({ version: 2, maxLoanPrincipal: '50000000.00' })];
      expect(reasonsOf(history, enrol({ principal: '30000000.01' }))).toEqual(['outside-coverage-tiers']);
    });
    it.each([
      ['not-disbursed', 'loan-not-disbursed'],
      ['defaulted', 'loan-defaulted'],
      ['closed', 'loan-closed'],
    ] as const)('refuses a %s loan', (loanStanding, reason) =>
      expect(reasonsOf(operatingFund, enrol({ loanStanding }))).toEqual([reason]),
    );
    it('lists every failing rule at once, with the code', () => {
      const history = [...operatingFund, policyPublished({ version: 2, eligibleCertifications: ['little-giant'] })];
      expect(
        reasonsOf(history, enrol({ loanStanding: 'defaulted', enterpriseSize: 'medium', principal: '40000000.00' })),
      ).toEqual([
        'loan-defaulted',
        'enterprise-size',
        'certification',
        'above-max-principal',
        'outside-coverage-tiers',
      ]);
      spec
        .given(history)
        .when(enrol({ enterpriseSize: 'medium' }))
        .thenThrows(FundLoanNotEligibleError, 'FUND.LOAN_NOT_ELIGIBLE');
    });
  });

  it('refuses a zero principal', () =>
    spec
      .given(operatingFund)
      .when(enrol({ principal: '0.00' }))
      .thenThrows(FundInvalidInputError));
  it('refuses a missing fund', () => spec.given([]).when(enrol()).thenThrows(FundNotFoundError));
  it('only a fund manager may enrol', () => {
    spec.given(operatingFund).when(enrol({}, bank)).thenThrows(ForbiddenError);
    spec.given(operatingFund).when(enrol({}, systemActor)).thenThrows(ForbiddenError);
  });
});

describe('a suspended bank keeps its enrolled loans covered', () => {
  const history = [...operatingFund, loanEnrolled('l-1', 'b-1'), bankSuspended('b-1')];
  it('the enrolment is still covered and counted in the exposure', () => {
    const state = foldEvents(riskFundDecider, history);
    expect(loanCover(state, 'l-1')).toMatchObject({ status: 'covered', coverageRatioBps: 4000 });
    expect(committedExposure(state)).toBe(400_000_000n);
  });
});

describe('ReleaseLoanCover (loan repaid)', () => {
  const release = (loanId = 'l-1', actor: Actor = systemActor) =>
    fundCommand<ReleaseLoanCover>(
      'ReleaseLoanCover',
      { fundId: FUND_ID, loanId, reason: 'loan-repaid', releasedOn: '2027-01-15' },
      actor,
    );
  const enrolled = [...operatingFund, loanEnrolled('l-1', 'b-1')];

  it('releases the cover', () =>
    spec
      .given(enrolled)
      .when(release())
      .then([
        {
          type: 'LoanCoverReleased',
          data: { fundId: FUND_ID, loanId: 'l-1', bankId: 'b-1', reason: 'loan-repaid', releasedOn: '2027-01-15' },
        },
      ]));
  it('is idempotent', () =>
    spec
      .given([...enrolled, ...spec.given(enrolled).when(release()).events()])
      .when(release())
      .then([]));
  it('does nothing once the loan was compensated', () =>
    spec
      .given([...enrolled, compensationPaid('l-1', 'b-1', '100.00')])
      .when(release())
      .then([]));
  it('refuses a loan not enrolled', () =>
    spec.given(enrolled).when(release('l-9')).thenThrows(FundLoanNotEnrolledError, 'FUND.LOAN_NOT_ENROLLED'));
  it('refuses a missing fund', () => spec.given([]).when(release()).thenThrows(FundNotFoundError));
  it('a bank may not release cover', () => spec.given(enrolled).when(release('l-1', bank)).thenThrows(ForbiddenError));
});

describe('committed exposure: covered principal of enrolled loans not yet closed', () => {
  it('counts open enrolments only; payment or repayment closes one', () => {
    const state = foldEvents(riskFundDecider, [
      ...operatingFund,
      bankAdmitted('b-2'),
      loanEnrolled('l-1', 'b-1'),
      loanEnrolled('l-2', 'b-1'),
      loanEnrolled('l-3', 'b-2'),
      loanEnrolled('l-4', 'b-2'),
      compensationPaid('l-2', 'b-1', '100.00'),
      {
        type: 'LoanCoverReleased',
        data: { fundId: FUND_ID, loanId: 'l-4', bankId: 'b-2', reason: 'loan-repaid', releasedOn: '2027-01-01' },
      },
    ]);
    expect(committedExposure(state)).toBe(800_000_000n);
    expect(committedExposure(state, 'b-1')).toBe(400_000_000n);
    expect(maximumLiability(state)).toBe(320_000_000n);
    expect(loanCover(state, 'l-2')?.status).toBe('compensated');
    expect(loanCover(state, 'l-4')?.status).toBe('released');
    expect(loanCover(state, 'l-9')).toBeNull();
  });
});
