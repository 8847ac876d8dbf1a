import { ForbiddenError } from '../shared/authorization';
import type { Actor } from '../shared/decider';
import { deciderSpec } from '../testing/decider-spec';
import type {
  AdmitBank,
  AssessBank,
  ContributeCapital,
  EstablishFund,
  PublishFundPolicy,
  ReinstateBank,
  SuspendBank,
} from './risk-fund.commands';
import { riskFundDecider } from './risk-fund.decider';
import {
  FundAlreadyExistsError,
  FundBankAlreadyAdmittedError,
  FundBankNotAdmittedError,
  FundBankNotSuspendedError,
  FundBankSuspendedError,
  FundInvalidInputError,
  FundNoPolicyError,
  FundNotFoundError,
  FundPolicyVersionNotIncreasingError,
} from './risk-fund.errors';
import {
  FUND_ID,
  bankAdmitted,
  bankSuspended,
  fundCommand,
  fundEstablished,
  operatingFund,
  policyData,
  policyPublished,
  systemActor,
} from './risk-fund.fixtures';

const spec = deciderSpec(riskFundDecider);
const bank: Actor = { sub: 'b-user', role: 'bank', bankId: 'b-1' };

describe('EstablishFund', () => {
  const establish = (actor?: Actor) =>
    fundCommand<EstablishFund>(
      'EstablishFund',
      { fundId: FUND_ID, name: 'Provincial IP pledge risk fund', establishedOn: '2026-01-01' },
      actor,
    );

  it('establishes the fund', () => spec.given([]).when(establish()).then([fundEstablished]));
  it('refuses a second establishment', () =>
    spec.given([fundEstablished]).when(establish()).thenThrows(FundAlreadyExistsError, 'FUND.ALREADY_EXISTS'));
  it('only a fund manager may establish it', () =>
    spec.given([]).when(establish(bank)).thenThrows(ForbiddenError, 'AUTH.FORBIDDEN'));
  it('refuses an invalid date', () =>
    spec
      .given([])
      .when(fundCommand<EstablishFund>('EstablishFund', { fundId: FUND_ID, name: 'F', establishedOn: '2026-02-30' }))
      .thenThrows(FundInvalidInputError, 'FUND.INVALID_INPUT'));
});

describe('ContributeCapital', () => {
  const contribute = (amount: string, actor?: Actor) =>
    fundCommand<ContributeCapital>(
      'ContributeCapital',
      { fundId: FUND_ID, contributor: 'Province', amount, valueDate: '2026-01-05' },
      actor,
    );

  it('records the contribution with the amount normalised to two places', () =>
    spec
      .given([fundEstablished])
      .when(contribute('2500000'))
      .then([
        {
          type: 'FundCapitalContributed',
          data: { fundId: FUND_ID, contributor: 'Province', amount: '2500000.00', valueDate: '2026-01-05' },
        },
      ]));
  it('refuses a fund that does not exist', () =>
    spec.given([]).when(contribute('1.00')).thenThrows(FundNotFoundError, 'FUND.NOT_FOUND'));
  it('refuses a zero amount', () =>
    spec.given([fundEstablished]).when(contribute('0.00')).thenThrows(FundInvalidInputError, 'FUND.INVALID_INPUT'));
  it('refuses a float-like or negative amount', () => {
    spec.given([fundEstablished]).when(contribute('1.005')).thenThrows(FundInvalidInputError);
    spec.given([fundEstablished]).when(contribute('-5.00')).thenThrows(FundInvalidInputError);
  });
  it('only a fund manager may contribute', () =>
    spec.given([fundEstablished]).when(contribute('1.00', bank)).thenThrows(ForbiddenError));
});

describe('PublishFundPolicy', () => {
  const publish = (overrides = {}, actor?: Actor) =>
    fundCommand<PublishFundPolicy>('PublishFundPolicy', { fundId: FUND_ID, ...policyData(overrides) }, actor);

  it('publishes the first policy', () => spec.given([fundEstablished]).when(publish()).then([policyPublished()]));
  it('normalises money to two places', () => {
    const [event] = spec
      .given([fundEstablished])
      .when(publish({ perLoanCap: '3000000' }))
      .events();
    expect(event.data).toMatchObject({ perLoanCap: '3000000.00' });
  });
  it('accepts a higher version', () =>
    spec
      .given([fundEstablished, policyPublished()])
      .when(publish({ version: 2 }))
      .then([policyPublished({ version: 2 })]));
  it('refuses a version that is not above the current one', () => {
    spec
      .given([fundEstablished, policyPublished({ version: 2 })])
      .when(publish({ version: 2 }))
      .thenThrows(FundPolicyVersionNotIncreasingError, 'FUND.POLICY_VERSION_NOT_INCREASING');
    spec
      .given([fundEstablished, policyPublished({ version: 2 })])
      .when(publish({ version: 1 }))
      .thenThrows(FundPolicyVersionNotIncreasingError);
  });
  it.each([
    ['no tiers', { coverageTiers: [] }],
    [
      'tiers out of order',
      {
        coverageTiers: [
          { upToPrincipal: '15000000.00', ratioBps: 3000 },
          { upToPrincipal: '5000000.00', ratioBps: 4000 },
        ],
      },
    ],
    ['a ratio above 100 %', { coverageTiers: [{ upToPrincipal: '5000000.00', ratioBps: 10001 }] }],
    ['a fractional ratio', { coverageTiers: [{ upToPrincipal: '5000000.00', ratioBps: 40.5 }] }],
    ['a zero version', { version: 0 }],
    ['an unknown enterprise size', { eligibleEnterpriseSizes: ['huge' as never] }],
    ['no enterprise size', { eligibleEnterpriseSizes: [] }],
    ['a bad cap', { perLoanCap: 'lots' }],
    ['a zero default threshold', { defaultThresholdDays: 0 }],
    ['a bad effective date', { effectiveFrom: '2026-13-01' }],
  ])('refuses a policy with %s', (_label, overrides) =>
    spec.given([fundEstablished]).when(publish(overrides)).thenThrows(FundInvalidInputError, 'FUND.INVALID_INPUT'),
  );
  it('refuses a missing fund', () => spec.given([]).when(publish()).thenThrows(FundNotFoundError));
  it('only a fund manager may publish', () =>
    spec.given([fundEstablished]).when(publish({}, systemActor)).thenThrows(ForbiddenError));
});

describe('AdmitBank', () => {
  const admit = (bankId: string, actor?: Actor) =>
    fundCommand<AdmitBank>('AdmitBank', { fundId: FUND_ID, bankId, admittedOn: '2026-01-10' }, actor);

  it('admits a bank', () =>
    spec
      .given([fundEstablished])
      .when(admit('b-1'))
      .then([bankAdmitted('b-1')]));
  it('refuses a bank already admitted', () =>
    spec
      .given([fundEstablished, bankAdmitted('b-1')])
      .when(admit('b-1'))
      .thenThrows(FundBankAlreadyAdmittedError, 'FUND.BANK_ALREADY_ADMITTED'));
  it('a bank id named like an Object property is an ordinary id', () =>
    spec
      .given([fundEstablished])
      .when(admit('constructor'))
      .then([bankAdmitted('constructor')]));
  it('refuses a missing fund', () => spec.given([]).when(admit('b-1')).thenThrows(FundNotFoundError));
  it('only a fund manager may admit', () =>
    spec.given([fundEstablished]).when(admit('b-1', bank)).thenThrows(ForbiddenError));
});

describe('SuspendBank (manual)', () => {
  const suspend = (bankId: string, actor?: Actor) =>
    fundCommand<SuspendBank>(
      'SuspendBank',
      { fundId: FUND_ID, bankId, reason: 'Audit findings', suspendedOn: '2026-02-01' },
      actor,
    );

  it('suspends an admitted bank with the reason', () =>
    spec
      .given(operatingFund)
      .when(suspend('b-1'))
      .then([bankSuspended('b-1')]));
  it('refuses a bank never admitted', () =>
    spec.given(operatingFund).when(suspend('b-9')).thenThrows(FundBankNotAdmittedError, 'FUND.BANK_NOT_ADMITTED'));
  it('refuses a bank already suspended', () =>
    spec
      .given([...operatingFund, bankSuspended('b-1')])
      .when(suspend('b-1'))
      .thenThrows(FundBankSuspendedError, 'FUND.BANK_SUSPENDED'));
  it('refuses an empty reason', () =>
    spec
      .given(operatingFund)
      .when(
        fundCommand<SuspendBank>('SuspendBank', {
          fundId: FUND_ID,
          bankId: 'b-1',
          reason: ' ',
          suspendedOn: '2026-02-01',
        }),
      )
      .thenThrows(FundInvalidInputError));
  it('refuses a missing fund', () => spec.given([]).when(suspend('b-1')).thenThrows(FundNotFoundError));
  it('only a fund manager may suspend by hand', () =>
    spec.given(operatingFund).when(suspend('b-1', systemActor)).thenThrows(ForbiddenError));
});

describe('ReinstateBank', () => {
  const reinstate = (bankId: string, actor?: Actor) =>
    fundCommand<ReinstateBank>(
      'ReinstateBank',
      { fundId: FUND_ID, bankId, reason: 'Findings resolved', reinstatedOn: '2026-04-01' },
      actor,
    );

  it('reinstates a suspended bank', () =>
    spec
      .given([...operatingFund, bankSuspended('b-1')])
      .when(reinstate('b-1'))
      .then([
        {
          type: 'BankReinstated',
          data: { fundId: FUND_ID, bankId: 'b-1', reason: 'Findings resolved', reinstatedOn: '2026-04-01' },
        },
      ]));
  it('refuses a bank that is not suspended', () =>
    spec.given(operatingFund).when(reinstate('b-1')).thenThrows(FundBankNotSuspendedError, 'FUND.BANK_NOT_SUSPENDED'));
  it('refuses a bank never admitted', () =>
    spec.given(operatingFund).when(reinstate('b-9')).thenThrows(FundBankNotAdmittedError));
  it('refuses a missing fund', () => spec.given([]).when(reinstate('b-1')).thenThrows(FundNotFoundError));
  it('only a fund manager may reinstate', () =>
    spec
      .given([...operatingFund, bankSuspended('b-1')])
      .when(reinstate('b-1', bank))
      .thenThrows(ForbiddenError));
});

describe('AssessBank (automatic suspension on the bad-loan ratio)', () => {
  // policy threshold: 500 bps (5 %)
  const assess = (enrolledPrincipal: string, defaultedPrincipal: string, actor: Actor = systemActor) =>
    fundCommand<AssessBank>(
      'AssessBank',
      { fundId: FUND_ID, bankId: 'b-1', enrolledPrincipal, defaultedPrincipal, asOf: '2026-05-31' },
      actor,
    );

  it('suspends the bank when its ratio is above the threshold, with the assessment', () =>
    spec
      .given(operatingFund)
      .when(assess('10000000.00', '510000.00'))
      .then([
        {
          type: 'BankSuspended',
          data: {
            fundId: FUND_ID,
            bankId: 'b-1',
            reason: 'Bad-loan ratio 510 bps is above the policy threshold of 500 bps',
            suspendedOn: '2026-05-31',
            automatic: true,
            assessment: {
              enrolledPrincipal: '10000000.00',
              defaultedPrincipal: '510000.00',
              badLoanRatioBps: 510,
              thresholdBps: 500,
              policyVersion: 1,
              asOf: '2026-05-31',
            },
          },
        },
      ]));
  it('a fund manager may run the assessment too', () =>
    expect(
      spec
        .given(operatingFund)
        .when(assess('100.00', '6.00', { sub: 'fm', role: 'fund-manager' }))
        .events(),
    ).toHaveLength(1));
  it('does nothing at the threshold exactly', () =>
    spec.given(operatingFund).when(assess('10000000.00', '500000.00')).then([]));
  it('rounds the ratio down before comparing (500.0001 bps is 500)', () =>
    spec.given(operatingFund).when(assess('10000000.00', '500000.10')).then([]));
  it('does nothing below the threshold, or with nothing enrolled', () => {
    spec.given(operatingFund).when(assess('10000000.00', '100.00')).then([]);
    spec.given(operatingFund).when(assess('0.00', '0.00')).then([]);
  });
  it('does nothing when the bank is already suspended', () =>
    spec
      .given([...operatingFund, bankSuspended('b-1')])
      .when(assess('100.00', '100.00'))
      .then([]));
  it('uses the current policy threshold', () =>
    spec
      .given([...operatingFund, policyPublished({ version: 2, bankSuspensionBadLoanRatioBps: 1000 })])
      .when(assess('10000000.00', '510000.00'))
      .then([]));
  it('refuses more defaulted than enrolled principal', () =>
    spec.given(operatingFund).when(assess('100.00', '101.00')).thenThrows(FundInvalidInputError));
  it('refuses without a policy', () =>
    spec
      .given([fundEstablished, bankAdmitted('b-1')])
      .when(assess('100.00', '50.00'))
      .thenThrows(FundNoPolicyError, 'FUND.NO_POLICY'));
  it('refuses a bank never admitted', () =>
    spec
      .given([fundEstablished, policyPublished()])
      .when(assess('100.00', '50.00'))
      .thenThrows(FundBankNotAdmittedError));
  it('refuses a missing fund', () => spec.given([]).when(assess('1.00', '0.00')).thenThrows(FundNotFoundError));
  it('a bank may not assess itself', () =>
    spec
      .given(operatingFund)
      .when(assess('100.00', '50.00', bank))
      .thenThrows(ForbiddenError));
});
