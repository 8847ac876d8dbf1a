import { ForbiddenError } from '../shared/authorization';
import type { Actor } from '../shared/decider';
import { foldEvents } from '../shared/decider';
import { InvalidMoneyError } from '../shared/money';
import { deciderSpec } from '../testing/decider-spec';
import type { EnforcePledge, PledgeRequest, RegisterPledge, ReleasePledge } from './ip-asset.commands';
import { ipAssetDecider } from './ip-asset.decider';
import {
  AlreadyPledgedError,
  AnnualFeeLapsedError,
  CoOwnerConsentMissingError,
  ExpiresBeforeLoanMaturityError,
  InvalidationPendingError,
  InvalidIpAssetInputError,
  IpAssetDisposedError,
  IpAssetExpiredError,
  IpAssetInvalidatedError,
  IpAssetNotFoundError,
  NotPledgedError,
  PledgeAlreadyReleasedError,
  PledgedToAnotherLoanError,
  PledgorNotOwnerError,
} from './ip-asset.errors';
import type { IpAssetEvent, IpAssetRegistered, PledgeRegistered } from './ip-asset.events';
import { pledgeRefusalReasons } from './pledge-refusal-reasons';

const system: Actor = { sub: 'pledging-process', role: 'system' };
const bank1: Actor = { sub: 'officer-7', role: 'bank', bankId: 'bank-1' };
const bank2: Actor = { sub: 'officer-9', role: 'bank', bankId: 'bank-2' };
const metadata = (actor: Actor) => ({ actor, now: '2026-03-01T09:00:00.000Z' });
const spec = deciderSpec(ipAssetDecider);

/** Jointly owned by ent-1 and ent-2, in force until 2043-01-04 (last day). */
const registered: IpAssetRegistered = {
  type: 'IpAssetRegistered',
  data: {
    ipAssetId: 'ip-1',
    kind: 'invention-patent',
    number: '202310012345.8',
    title: 'Method for packaging silicon photonic chips',
    ownerEnterpriseIds: ['ent-1', 'ent-2'],
    grantDate: '2024-06-18',
    expiryDate: '2043-01-04',
  },
};

const request: PledgeRequest = {
  ipAssetId: 'ip-1',
  loanId: 'loan-1',
  pledgeeBankId: 'bank-1',
  pledgorEnterpriseId: 'ent-1',
  registrationNumber: 'Y2025980001234',
  pledgeDate: '2025-01-15',
  loanMaturityDate: '2028-01-15',
  consentingOwnerIds: ['ent-2'],
};
const registerPledge = (data: Partial<PledgeRequest> = {}, actor = system): RegisterPledge => ({
  type: 'RegisterPledge',
  data: { ...request, ...data },
  metadata: metadata(actor),
});
const pledged = (data: Partial<PledgeRequest> = {}): PledgeRegistered => ({
  type: 'PledgeRegistered',
  data: {
    ...request,
    ...data,
    ownerEnterpriseIds: ['ent-1', 'ent-2'],
    assetExpiryDate: '2043-01-04',
  },
});
const release = (data: Partial<ReleasePledge['data']> = {}, actor = system): ReleasePledge => ({
  type: 'ReleasePledge',
  data: { ipAssetId: 'ip-1', loanId: 'loan-1', releaseDate: '2028-01-20', reason: 'loan-repaid', ...data },
  metadata: metadata(actor),
});
const released = (data: Partial<ReleasePledge['data']> = {}): IpAssetEvent => ({
  type: 'PledgeReleased',
  data: { ...release(data).data, pledgeeBankId: 'bank-1' },
});
const enforce = (data: Partial<EnforcePledge['data']> = {}, actor = bank1): EnforcePledge => ({
  type: 'EnforcePledge',
  data: { ipAssetId: 'ip-1', loanId: 'loan-1', enforcementDate: '2027-05-10', saleProceeds: '800000', ...data },
  metadata: metadata(actor),
});
const enforced: IpAssetEvent = {
  type: 'PledgeEnforced',
  data: {
    ipAssetId: 'ip-1',
    loanId: 'loan-1',
    pledgeeBankId: 'bank-1',
    pledgorEnterpriseId: 'ent-1',
    enforcementDate: '2027-05-10',
    saleProceeds: '800000.00',
  },
};
const lapsed: IpAssetEvent = { type: 'AnnualFeeLapsed', data: { ipAssetId: 'ip-1', lapseDate: '2024-12-01' } };
const feePaid: IpAssetEvent = {
  type: 'AnnualFeePaid',
  data: { ipAssetId: 'ip-1', paymentDate: '2025-01-10', lapseDate: '2024-12-01' },
};
const filed: IpAssetEvent = {
  type: 'InvalidationFiled',
  data: { ipAssetId: 'ip-1', caseNumber: '4W112233', filingDate: '2024-11-01' },
};
const resolved = (outcome: 'upheld' | 'invalidated' | 'partially-invalidated'): IpAssetEvent => ({
  type: 'InvalidationResolved',
  data: { ipAssetId: 'ip-1', caseNumber: '4W112233', outcome, resolutionDate: '2025-01-05' },
});

describe('IpAsset pledges', () => {
  describe('RegisterPledge', () => {
    it('registers the pledge with the asset facts it was decided under', () => {
      spec.given([registered]).when(registerPledge()).then([pledged()]);
    });

    it('lets the pledgee bank register the pledge of its own loan', () => {
      spec.given([registered]).when(registerPledge({}, bank1)).then([pledged()]);
    });

    it('is idempotent for the loan that already holds the pledge: no event', () => {
      spec.given([registered, pledged()]).when(registerPledge()).then([]);
      // ...even if the asset's status changed since: the pledge is already there.
      spec.given([registered, pledged(), lapsed]).when(registerPledge()).then([]);
    });

    it('registers a pledge again after the previous loan released it', () => {
      spec
        .given([registered, pledged(), released()])
        .when(registerPledge({ loanId: 'loan-2', pledgeDate: '2028-02-01', loanMaturityDate: '2030-02-01' }))
        .then([pledged({ loanId: 'loan-2', pledgeDate: '2028-02-01', loanMaturityDate: '2030-02-01' })]);
    });

    it('registers a pledge of a partially invalidated asset, and once a lapsed fee is paid or a case upheld', () => {
      spec
        .given([registered, filed, resolved('partially-invalidated')])
        .when(registerPledge())
        .then([pledged()]);
      spec.given([registered, lapsed, feePaid]).when(registerPledge()).then([pledged()]);
      spec
        .given([registered, filed, resolved('upheld')])
        .when(registerPledge())
        .then([pledged()]);
    });

    it('needs no consent when the pledgor is the only owner', () => {
      const soleOwner: IpAssetRegistered = {
        ...registered,
        data: { ...registered.data, ownerEnterpriseIds: ['ent-1'] },
      };
      const [event] = spec
        .given([soleOwner])
        .when(registerPledge({ consentingOwnerIds: [] }))
        .events();
      expect(event).toMatchObject({
        type: 'PledgeRegistered',
        data: { consentingOwnerIds: [], ownerEnterpriseIds: ['ent-1'] },
      });
    });

    it('refuses the same loan id with another pledgee bank', () => {
      spec
        .given([registered, pledged()])
        .when(registerPledge({ pledgeeBankId: 'bank-2' }))
        .thenThrows(AlreadyPledgedError, 'IP_ASSET.ALREADY_PLEDGED');
    });

    it('refuses an asset pledged to another loan: at most one live pledge', () => {
      spec
        .given([registered, pledged()])
        .when(registerPledge({ loanId: 'loan-2', pledgeeBankId: 'bank-2' }, bank2))
        .thenThrows(AlreadyPledgedError, 'IP_ASSET.ALREADY_PLEDGED');
    });

    it('refuses to pledge again to a loan whose pledge was released (compensation stays final)', () => {
      spec
        .given([registered, pledged(), released({ reason: 'pledge-refused' })])
        .when(registerPledge())
        .thenThrows(PledgeAlreadyReleasedError, 'IP_ASSET.PLEDGE_ALREADY_RELEASED');
    });

    it('refuses a pledgor that is not an owner', () => {
      spec
        .given([registered])
        .when(registerPledge({ pledgorEnterpriseId: 'ent-3', consentingOwnerIds: ['ent-1', 'ent-2'] }))
        .thenThrows(PledgorNotOwnerError, 'IP_ASSET.PLEDGOR_NOT_OWNER');
    });

    it('refuses when a co-owner has not consented', () => {
      spec
        .given([registered])
        .when(registerPledge({ consentingOwnerIds: [] }))
        .thenThrows(CoOwnerConsentMissingError, 'IP_ASSET.CO_OWNER_CONSENT_MISSING');
      // consent from someone who is not an owner does not count
      spec
        .given([registered])
        .when(registerPledge({ consentingOwnerIds: ['ent-1', 'ent-9'] }))
        .thenThrows(CoOwnerConsentMissingError, 'IP_ASSET.CO_OWNER_CONSENT_MISSING');
    });

    it('refuses an asset expired as of the pledge date, and accepts one pledged on its last day', () => {
      spec
        .given([registered])
        .when(registerPledge({ pledgeDate: '2043-01-05', loanMaturityDate: '2044-01-05' }))
        .thenThrows(IpAssetExpiredError, 'IP_ASSET.EXPIRED');
      expect(
        pledgeRefusalReasons(foldEvents(ipAssetDecider, [registered]), {
          ...request,
          pledgeDate: '2043-01-04',
          loanMaturityDate: '2043-01-04',
        }),
      ).toEqual([]);
    });

    it('refuses a loan that matures after the asset expires', () => {
      spec
        .given([registered])
        .when(registerPledge({ loanMaturityDate: '2043-01-05' }))
        .thenThrows(ExpiresBeforeLoanMaturityError, 'IP_ASSET.EXPIRES_BEFORE_LOAN_MATURITY');
    });

    it('refuses an asset whose annual fee lapsed', () => {
      spec
        .given([registered, lapsed])
        .when(registerPledge())
        .thenThrows(AnnualFeeLapsedError, 'IP_ASSET.ANNUAL_FEE_LAPSED');
    });

    it('refuses an asset with a pending invalidation', () => {
      spec
        .given([registered, filed])
        .when(registerPledge())
        .thenThrows(InvalidationPendingError, 'IP_ASSET.INVALIDATION_PENDING');
    });

    it('refuses a fully invalidated asset', () => {
      spec
        .given([registered, filed, resolved('invalidated')])
        .when(registerPledge())
        .thenThrows(IpAssetInvalidatedError, 'IP_ASSET.INVALIDATED');
    });

    it('refuses an asset sold in recovery', () => {
      spec
        .given([registered, pledged(), enforced])
        .when(registerPledge({ loanId: 'loan-2', pledgeDate: '2027-06-01', loanMaturityDate: '2029-06-01' }))
        .thenThrows(IpAssetDisposedError, 'IP_ASSET.DISPOSED');
    });

    it('refuses an unregistered asset', () => {
      spec.given([]).when(registerPledge()).thenThrows(IpAssetNotFoundError, 'IP_ASSET.NOT_FOUND');
    });

    it('refuses a maturity not after the pledge date, and blank fields', () => {
      spec
        .given([registered])
        .when(registerPledge({ loanMaturityDate: '2025-01-15' }))
        .thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
      spec
        .given([registered])
        .when(registerPledge({ registrationNumber: ' ' }))
        .thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
      spec
        .given([registered])
        .when(registerPledge({ consentingOwnerIds: ['ent-2', 'ent-2'] }))
        .thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
    });

    it('refuses another bank, an admin and an enterprise', () => {
      spec.given([registered]).when(registerPledge({}, bank2)).thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
      spec
        .given([registered])
        .when(registerPledge({}, { sub: 'op', role: 'admin' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
      spec
        .given([registered])
        .when(registerPledge({}, { sub: 'e', role: 'enterprise', enterpriseId: 'ent-1' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });

    it('carries every reason in the error details', () => {
      let thrown: unknown;
      try {
        spec
          .given([registered, lapsed, filed])
          .when(registerPledge({ consentingOwnerIds: [] }))
          .events();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CoOwnerConsentMissingError);
      expect((thrown as CoOwnerConsentMissingError).details.reasons).toEqual([
        expect.objectContaining({ code: 'IP_ASSET.CO_OWNER_CONSENT_MISSING' }),
        expect.objectContaining({ code: 'IP_ASSET.ANNUAL_FEE_LAPSED' }),
        expect.objectContaining({ code: 'IP_ASSET.INVALIDATION_PENDING' }),
      ]);
    });
  });

  describe('pledgeRefusalReasons', () => {
    it("never names another bank's loan or the bank (the reasons are shown to the requesting bank)", () => {
      const pledgedState = foldEvents(ipAssetDecider, [registered, pledged()]);
      const reasons = pledgeRefusalReasons(pledgedState, { ...request, loanId: 'loan-9', pledgeeBankId: 'bank-9' });
      expect(reasons).toEqual([
        {
          code: 'IP_ASSET.ALREADY_PLEDGED',
          message: 'IP asset ip-1 (202310012345.8) is already pledged to another bank',
        },
      ]);
    });

    it('lists every reason at once, each with a message a person understands', () => {
      const state = foldEvents(ipAssetDecider, [registered, pledged(), lapsed, filed]);
      const reasons = pledgeRefusalReasons(state, {
        ...request,
        loanId: 'loan-2',
        pledgorEnterpriseId: 'ent-3',
        consentingOwnerIds: ['ent-1'],
        loanMaturityDate: '2044-01-01',
      });
      expect(reasons).toEqual([
        {
          code: 'IP_ASSET.ALREADY_PLEDGED',
          message: 'IP asset ip-1 (202310012345.8) is already pledged to this bank for loan loan-1',
        },
        {
          code: 'IP_ASSET.PLEDGOR_NOT_OWNER',
          // Not told who owns it, nor asked for co-owners' consent (the borrower reads these reasons).
          message: 'Enterprise ent-3 does not own IP asset ip-1 (202310012345.8)',
        },
        {
          code: 'IP_ASSET.EXPIRES_BEFORE_LOAN_MATURITY',
          message: 'IP asset ip-1 (202310012345.8) expires on 2043-01-04, before the loan matures on 2044-01-01',
        },
        {
          code: 'IP_ASSET.ANNUAL_FEE_LAPSED',
          message: 'The annual fee of IP asset ip-1 (202310012345.8) lapsed on 2024-12-01',
        },
        {
          code: 'IP_ASSET.INVALIDATION_PENDING',
          message: 'An invalidation of IP asset ip-1 (202310012345.8) is pending (case 4W112233)',
        },
      ]);
    });

    it('reports an unregistered asset', () => {
      expect(pledgeRefusalReasons(ipAssetDecider.initialState, request)).toEqual([
        { code: 'IP_ASSET.NOT_FOUND', message: 'IP asset ip-1 is not registered' },
      ]);
    });
  });

  describe('ReleasePledge', () => {
    it('releases the pledge held by the loan', () => {
      spec.given([registered, pledged()]).when(release()).then([released()]);
      spec.given([registered, pledged()]).when(release({}, bank1)).then([released()]);
    });

    it('frees the asset for another pledge', () => {
      const state = foldEvents(ipAssetDecider, [registered, pledged(), released()]);
      expect(state).toMatchObject({ pledge: null, releasedPledges: [{ loanId: 'loan-1', pledgeeBankId: 'bank-1' }] });
    });

    it('is idempotent for a pledge already released for that loan', () => {
      spec.given([registered, pledged(), released()]).when(release()).then([]);
      spec
        .given([registered, pledged(), released(), pledged({ loanId: 'loan-2', pledgeDate: '2028-02-01' })])
        .when(release({ releaseDate: '2028-03-01' }))
        .then([]);
    });

    it('releases the pledge of an invalidated asset', () => {
      spec
        .given([registered, pledged(), filed, resolved('invalidated')])
        .when(release({ reason: 'loan-cancelled' }))
        .then([released({ reason: 'loan-cancelled' })]);
    });

    it('refuses a loan that does not hold the pledge', () => {
      spec
        .given([registered, pledged()])
        .when(release({ loanId: 'loan-2' }))
        .thenThrows(PledgedToAnotherLoanError, 'IP_ASSET.PLEDGED_TO_ANOTHER_LOAN');
    });

    it('refuses an asset that is not pledged', () => {
      spec.given([registered]).when(release()).thenThrows(NotPledgedError, 'IP_ASSET.NOT_PLEDGED');
    });

    it('refuses an asset sold in recovery, or an unregistered one', () => {
      spec
        .given([registered, pledged(), enforced])
        .when(release())
        .thenThrows(IpAssetDisposedError, 'IP_ASSET.DISPOSED');
      spec.given([]).when(release()).thenThrows(IpAssetNotFoundError, 'IP_ASSET.NOT_FOUND');
    });

    it('refuses a release dated before the pledge, or an unknown reason', () => {
      spec
        .given([registered, pledged()])
        .when(release({ releaseDate: '2025-01-14' }))
        .thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
      spec
        .given([registered, pledged()])
        .when(release({ reason: 'because' as never }))
        .thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
    });

    it('refuses another bank, even to repeat a release, and an admin', () => {
      spec.given([registered, pledged()]).when(release({}, bank2)).thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
      spec
        .given([registered, pledged(), released()])
        .when(release({}, bank2))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
      spec
        .given([registered, pledged()])
        .when(release({}, { sub: 'op', role: 'admin' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });
  });

  describe('EnforcePledge', () => {
    it('records the sale in recovery; the asset is disposed and no longer pledged', () => {
      spec.given([registered, pledged()]).when(enforce()).then([enforced]);
      spec.given([registered, pledged()]).when(enforce({}, system)).then([enforced]);
      expect(foldEvents(ipAssetDecider, [registered, pledged(), enforced])).toMatchObject({
        status: 'disposed',
        pledge: null,
        disposal: { loanId: 'loan-1', enforcementDate: '2027-05-10', saleProceeds: 80000000n },
      });
    });

    it('is idempotent when the same enforcement is repeated', () => {
      spec
        .given([registered, pledged(), enforced])
        .when(enforce({ saleProceeds: '800000.00' }))
        .then([]);
    });

    it('refuses a different enforcement of an asset already sold', () => {
      spec
        .given([registered, pledged(), enforced])
        .when(enforce({ saleProceeds: '900000.00' }))
        .thenThrows(IpAssetDisposedError, 'IP_ASSET.DISPOSED');
    });

    it('refuses a loan that does not hold the pledge', () => {
      spec
        .given([registered, pledged()])
        .when(enforce({ loanId: 'loan-2' }))
        .thenThrows(PledgedToAnotherLoanError, 'IP_ASSET.PLEDGED_TO_ANOTHER_LOAN');
    });

    it('refuses an asset that is not pledged, or whose pledge was released', () => {
      spec.given([registered]).when(enforce()).thenThrows(NotPledgedError, 'IP_ASSET.NOT_PLEDGED');
      spec
        .given([registered, pledged(), released()])
        .when(enforce())
        .thenThrows(NotPledgedError, 'IP_ASSET.NOT_PLEDGED');
    });

    it('refuses an unregistered asset', () => {
      spec.given([]).when(enforce()).thenThrows(IpAssetNotFoundError, 'IP_ASSET.NOT_FOUND');
    });

    it('refuses proceeds that are zero or malformed, and a date before the pledge', () => {
      spec
        .given([registered, pledged()])
        .when(enforce({ saleProceeds: '0.00' }))
        .thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
      spec
        .given([registered, pledged()])
        .when(enforce({ saleProceeds: '800,000' }))
        .thenThrows(InvalidMoneyError, 'MONEY.INVALID');
      spec
        .given([registered, pledged()])
        .when(enforce({ enforcementDate: '2025-01-14' }))
        .thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
    });

    it('refuses another bank and an auditor', () => {
      spec.given([registered, pledged()]).when(enforce({}, bank2)).thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
      spec
        .given([registered, pledged()])
        .when(enforce({}, { sub: 'a', role: 'auditor' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });
  });
});
