import { ForbiddenError } from '../../shared/authorization';
import { InvalidDateError } from '../../shared/business-date';
import { deciderSpec } from '../../testing/decider-spec';
import type { RefusePledges, RefusePledgesData, SecurePledges, SecurePledgesData } from '../loan.commands';
import { loanDecider } from '../loan.decider';
import {
  InvalidLoanInputError,
  LoanNotFoundError,
  PledgeAssetsMismatchError,
  PledgesAlreadyRefusedError,
  PledgesAlreadySecuredError,
} from '../loan.errors';
import {
  bankOfficer,
  BANK_ID,
  command,
  history,
  LOAN_ID,
  pledgeRefused,
  pledgesSecured,
  processManager,
} from '../testing/loan.fixtures';

const spec = deciderSpec(loanDecider);

// Given in the reverse order of the loan's pledgedAssetIds: the event lists them in the loan's order.
const registrations = [
  { assetId: 'asset-2', registrationNumber: 'ZX-2025-002', registeredOn: '2025-01-12' },
  { assetId: 'asset-1', registrationNumber: 'ZX-2025-001', registeredOn: '2025-01-12' },
];
const secure = (data: Partial<SecurePledgesData> = {}, actor = processManager) =>
  command<SecurePledges>('SecurePledges', { loanId: LOAN_ID, pledges: registrations, ...data }, actor);
const refuse = (data: Partial<RefusePledgesData> = {}, actor = processManager) =>
  command<RefusePledges>(
    'RefusePledges',
    { loanId: LOAN_ID, refusals: [{ assetId: 'asset-2', reasons: ['annual fee lapsed'] }], ...data },
    actor,
  );

describe('SecurePledges', () => {
  it('records the registration of every pledged asset', () => {
    spec.given(history.originated).when(secure()).then([pledgesSecured]);
  });

  it('changes nothing when repeated, before or after disbursement', () => {
    spec.given(history.pledgesSecured).when(secure()).then([]);
    spec.given(history.active).when(secure()).then([]);
  });

  it('is for the pledging process manager only', () => {
    spec.given(history.originated).when(secure({}, bankOfficer)).thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
  });

  it('refuses a missing loan', () => {
    spec.given([]).when(secure()).thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });

  it('refuses once the pledges were refused', () => {
    spec
      .given(history.pledgesRefused)
      .when(secure())
      .thenThrows(PledgesAlreadyRefusedError, 'LOAN.PLEDGES_ALREADY_REFUSED');
  });

  it('refuses registrations that leave a pledged asset out', () => {
    spec
      .given(history.originated)
      .when(secure({ pledges: [registrations[0]] }))
      .thenThrows(PledgeAssetsMismatchError, 'LOAN.PLEDGE_ASSETS_MISMATCH');
  });

  it('refuses a registration of an asset the loan did not pledge', () => {
    spec
      .given(history.originated)
      .when(secure({ pledges: [...registrations, { ...registrations[0], assetId: 'asset-9' }] }))
      .thenThrows(PledgeAssetsMismatchError, 'LOAN.PLEDGE_ASSETS_MISMATCH');
  });

  it('refuses a blank registration number or a bad date', () => {
    spec
      .given(history.originated)
      .when(secure({ pledges: [registrations[0], { ...registrations[1], registrationNumber: '  ' }] }))
      .thenThrows(InvalidLoanInputError, 'LOAN.INVALID_INPUT');
    spec
      .given(history.originated)
      .when(secure({ pledges: [registrations[0], { ...registrations[1], registeredOn: '12/01/2025' }] }))
      .thenThrows(InvalidDateError, 'DATE.INVALID');
  });
});

describe('RefusePledges', () => {
  it('records which assets could not be pledged and why', () => {
    spec.given(history.originated).when(refuse()).then([pledgeRefused]);
  });

  it('changes nothing when repeated', () => {
    spec.given(history.pledgesRefused).when(refuse()).then([]);
  });

  it('is for the pledging process manager only', () => {
    spec.given(history.originated).when(refuse({}, bankOfficer)).thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
  });

  it('refuses a missing loan', () => {
    spec.given([]).when(refuse()).thenThrows(LoanNotFoundError, 'LOAN.NOT_FOUND');
  });

  it('refuses once the pledges were secured', () => {
    spec
      .given(history.pledgesSecured)
      .when(refuse())
      .thenThrows(PledgesAlreadySecuredError, 'LOAN.PLEDGES_ALREADY_SECURED');
    spec.given(history.active).when(refuse()).thenThrows(PledgesAlreadySecuredError, 'LOAN.PLEDGES_ALREADY_SECURED');
  });

  it('refuses an asset the loan did not pledge', () => {
    spec
      .given(history.originated)
      .when(refuse({ refusals: [{ assetId: 'asset-9', reasons: ['expired'] }] }))
      .thenThrows(PledgeAssetsMismatchError, 'LOAN.PLEDGE_ASSETS_MISMATCH');
  });

  it('refuses a refusal without a reason', () => {
    spec
      .given(history.originated)
      .when(refuse({ refusals: [{ assetId: 'asset-2', reasons: [] }] }))
      .thenThrows(InvalidLoanInputError, 'LOAN.INVALID_INPUT');
  });

  it('names the bank in the event', () => {
    const [event] = spec.given(history.originated).when(refuse()).events();
    expect(event.data).toMatchObject({ bankId: BANK_ID });
  });
});
