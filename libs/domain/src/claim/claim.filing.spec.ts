import { ForbiddenError } from '../shared/authorization';
import { deciderSpec } from '../testing/decider-spec';
import { claimDecider } from './claim.decider';
import {
  ClaimAlreadyOpenError,
  ClaimAlreadyPaidError,
  ClaimInvalidInputError,
  ClaimLoanNotDefaultedError,
  ClaimLoanNotEnrolledError,
  ClaimNoPrincipalLossError,
  ClaimNotFoundError,
} from './claim.errors';
import { claimStreamId } from './claim.events';
import {
  alice,
  bankUser,
  claimApproved,
  claimFiled,
  claimSystem,
  cover,
  fileCommand,
  fullyApproved,
  otherBankUser,
  paid,
} from './claim.fixtures';

const spec = deciderSpec(claimDecider);
const rejected = [
  claimFiled(),
  {
    type: 'ClaimRejected' as const,
    data: {
      claimId: 'l-1',
      loanId: 'l-1',
      bankId: 'b-1',
      reason: 'Missing documents',
      rejectedBy: 'fm-alice',
      rejectedOn: '2026-05-22',
    },
  },
];

describe('FileClaim', () => {
  it('files a claim on the loan (claim id = loan id) with the principal loss and cover terms', () =>
    spec.given([]).when(fileCommand()).then([claimFiled()]));

  it('the principal loss is the outstanding principal at default less recoveries so far', () => {
    const [event] = spec
      .given([])
      .when(fileCommand({ outstandingPrincipalAtDefault: '3000000.00', recoveriesSoFar: '250000.50' }))
      .events();
    expect(event.data).toMatchObject({
      principalLoss: '2749999.50',
      outstandingPrincipalAtDefault: '3000000.00',
      recoveriesSoFar: '250000.50',
    });
  });

  it('the stream is claim-<loanId>', () => expect(claimStreamId('l-1')).toBe('claim-l-1'));

  describe('one open claim per loan', () => {
    it.each([
      ['filed', [claimFiled()]],
      ['being approved', [claimFiled(), claimApproved('fm-alice', 1)]],
      ['fully approved', fullyApproved],
    ])('refuses a second claim while one is %s', (_label, history) =>
      spec.given(history).when(fileCommand()).thenThrows(ClaimAlreadyOpenError, 'CLAIM.ALREADY_OPEN'),
    );
    it('a rejected claim may be filed again in the same stream', () =>
      spec.given(rejected).when(fileCommand()).then([claimFiled()]));
    it('a paid claim is final', () =>
      spec.given(paid).when(fileCommand()).thenThrows(ClaimAlreadyPaidError, 'CLAIM.ALREADY_PAID'));
  });

  it('refuses a loan that has not defaulted', () =>
    spec
      .given([])
      .when(fileCommand({ loanDefaulted: false }))
      .thenThrows(ClaimLoanNotDefaultedError, 'CLAIM.LOAN_NOT_DEFAULTED'));

  describe('only for an enrolled loan', () => {
    it('refuses a loan never enrolled', () =>
      spec
        .given([])
        .when(fileCommand({ cover: null }))
        .thenThrows(ClaimLoanNotEnrolledError, 'CLAIM.LOAN_NOT_ENROLLED'));
    it('refuses a loan whose cover was released', () =>
      spec
        .given([])
        .when(fileCommand({ cover: cover({ status: 'released' }) }))
        .thenThrows(ClaimLoanNotEnrolledError));
    it('refuses a cover of another loan or bank', () => {
      spec
        .given([])
        .when(fileCommand({ cover: cover({ loanId: 'l-2' }) }))
        .thenThrows(ClaimLoanNotEnrolledError);
      spec
        .given([])
        .when(fileCommand({ cover: cover({ bankId: 'b-2' }) }))
        .thenThrows(ClaimLoanNotEnrolledError);
    });
  });

  it('refuses when recoveries already cover the outstanding principal', () =>
    spec
      .given([])
      .when(fileCommand({ outstandingPrincipalAtDefault: '100.00', recoveriesSoFar: '100.00' }))
      .thenThrows(ClaimNoPrincipalLossError, 'CLAIM.NO_PRINCIPAL_LOSS'));
  it('refuses an outstanding principal above the covered principal', () =>
    spec
      .given([])
      .when(fileCommand({ outstandingPrincipalAtDefault: '4000000.01' }))
      .thenThrows(ClaimInvalidInputError, 'CLAIM.INVALID_INPUT'));
  it('refuses malformed amounts and dates', () => {
    spec
      .given([])
      .when(fileCommand({ recoveriesSoFar: '1e3' }))
      .thenThrows(ClaimInvalidInputError);
    spec
      .given([])
      .when(fileCommand({ filedOn: 'yesterday' }))
      .thenThrows(ClaimInvalidInputError);
  });

  describe('tenancy and roles', () => {
    it("another bank's loan is not found", () =>
      spec.given([]).when(fileCommand({}, otherBankUser)).thenThrows(ClaimNotFoundError, 'CLAIM.NOT_FOUND'));
    it("another bank never learns a claim exists on someone else's loan", () =>
      spec
        .given([claimFiled()])
        .when(fileCommand({ bankId: 'b-2' }, otherBankUser))
        .thenThrows(ClaimNotFoundError));
    it('the not-found refusal has kind not-found', () => {
      expect(() => claimDecider.decide(fileCommand({}, otherBankUser), claimDecider.initialState)).toThrow(
        expect.objectContaining({ kind: 'not-found' }),
      );
    });
    it('only a bank files claims', () => {
      spec.given([]).when(fileCommand({}, alice)).thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
      spec.given([]).when(fileCommand({}, claimSystem)).thenThrows(ForbiddenError);
    });
    it('records who filed it', () =>
      expect(spec.given([]).when(fileCommand({}, bankUser)).events()[0].data).toMatchObject({ filedBy: 'bank-clerk' }));
  });
});
