import { ForbiddenError } from '../shared/authorization';
import { InvalidDateError } from '../shared/business-date';
import type { Actor } from '../shared/decider';
import { InvalidCreditCodeError } from '../identifiers/identifier.errors';
import { deciderSpec } from '../testing/decider-spec';
import type {
  EraseEnterpriseContact,
  GrantCertification,
  RegisterEnterprise,
  RevokeCertification,
} from './enterprise.commands';
import { enterpriseDecider, enterpriseStreamId } from './enterprise.decider';
import {
  CertificationAlreadyHeldError,
  CertificationNotHeldError,
  EnterpriseAlreadyExistsError,
  EnterpriseNotFoundError,
  InvalidEnterpriseInputError,
} from './enterprise.errors';
import type { EnterpriseEvent } from './enterprise.events';
import { certificationsHeldOn, holdsCertification } from './enterprise.state';
import { foldEvents } from '../shared/decider';

const admin: Actor = { sub: 'op-1', role: 'admin' };
const metadata = { actor: admin, now: '2026-03-01T09:00:00.000Z' };
const spec = deciderSpec(enterpriseDecider);

const register = (data: Partial<RegisterEnterprise['data']> = {}, actor = admin): RegisterEnterprise => ({
  type: 'RegisterEnterprise',
  data: {
    enterpriseId: 'ent-1',
    name: 'Minjiang Photonics Co., Ltd.',
    creditCode: '91350100M000100Y43',
    region: 'Fujian/Fuzhou',
    size: 'small',
    ...data,
  },
  metadata: { ...metadata, actor },
});
const registered: EnterpriseEvent = {
  type: 'EnterpriseRegistered',
  data: {
    enterpriseId: 'ent-1',
    name: 'Minjiang Photonics Co., Ltd.',
    creditCode: '91350100M000100Y43',
    region: 'Fujian/Fuzhou',
    size: 'small',
    contact: null,
  },
};

const sealed = { keyId: 'key-1', iv: 'aXY=', ciphertext: 'Y2lwaGVy', tag: 'dGFn' };
const registeredWithContact: EnterpriseEvent = {
  ...registered,
  data: { ...(registered.data as Extract<EnterpriseEvent, { type: 'EnterpriseRegistered' }>['data']), contact: sealed },
};
const erase = (actor = admin): EraseEnterpriseContact => ({
  type: 'EraseEnterpriseContact',
  data: { enterpriseId: 'ent-1', reason: 'subject-request' },
  metadata: { ...metadata, actor },
});
const erased: EnterpriseEvent = {
  type: 'EnterpriseContactErased',
  data: { enterpriseId: 'ent-1', keyId: 'key-1', reason: 'subject-request' },
};
const grant = (data: Partial<GrantCertification['data']> = {}, actor = admin): GrantCertification => ({
  type: 'GrantCertification',
  data: {
    enterpriseId: 'ent-1',
    certification: 'high-tech',
    grantDate: '2025-01-10',
    expiryDate: '2027-12-31',
    ...data,
  },
  metadata: { ...metadata, actor },
});
const granted = (data: Partial<Extract<EnterpriseEvent, { type: 'EnterpriseCertificationGranted' }>['data']> = {}) =>
  ({
    type: 'EnterpriseCertificationGranted',
    data: {
      enterpriseId: 'ent-1',
      certification: 'high-tech',
      grantDate: '2025-01-10',
      expiryDate: '2027-12-31',
      ...data,
    },
  }) as const;
const revoke = (data: Partial<RevokeCertification['data']> = {}, actor = admin): RevokeCertification => ({
  type: 'RevokeCertification',
  data: {
    enterpriseId: 'ent-1',
    certification: 'high-tech',
    revocationDate: '2026-02-01',
    reason: 'R&D ratio below the threshold',
    ...data,
  },
  metadata: { ...metadata, actor },
});

describe('Enterprise', () => {
  it('names its stream', () => {
    expect(enterpriseStreamId('ent-1')).toBe('enterprise-ent-1');
  });

  describe('RegisterEnterprise', () => {
    it('registers the business facts with the normalised credit code', () => {
      spec
        .given([])
        .when(register({ creditCode: ' 91350100m000100y43', name: '  Minjiang Photonics Co., Ltd. ' }))
        .then([registered]);
    });

    it('registers a sealed contact person as it was sealed', () => {
      spec
        .given([])
        .when(register({ contact: sealed }))
        .then([registeredWithContact]);
    });

    it('refuses a contact person in clear', () => {
      const clear = { name: 'Lin Wei', phone: '+86 138 0000 0000', email: 'lin@example.cn' };
      spec
        .given([])
        .when(register({ contact: clear as never }))
        .thenThrows(InvalidEnterpriseInputError, 'ENTERPRISE.INVALID_INPUT');
    });

    it('refuses a second registration', () => {
      spec.given([registered]).when(register()).thenThrows(EnterpriseAlreadyExistsError, 'ENTERPRISE.ALREADY_EXISTS');
    });

    it('refuses a credit code whose check character is wrong', () => {
      spec
        .given([])
        .when(register({ creditCode: '91350100M000100Y44' }))
        .thenThrows(InvalidCreditCodeError, 'IDENTIFIER.INVALID_CREDIT_CODE');
    });

    it.each([
      ['name', { name: '  ' }],
      ['region', { region: '' }],
      ['enterpriseId', { enterpriseId: '' }],
      ['size', { size: 'large' as never }],
    ])('refuses an invalid %s', (_field, data) => {
      spec.given([]).when(register(data)).thenThrows(InvalidEnterpriseInputError, 'ENTERPRISE.INVALID_INPUT');
    });

    it.each(['bank', 'enterprise', 'fund-manager', 'auditor', 'system'] as const)('refuses a %s', (role) => {
      spec
        .given([])
        .when(register({}, { sub: 'x', role }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });
  });

  describe('GrantCertification', () => {
    it('grants a certification with its validity', () => {
      spec.given([registered]).when(grant()).then([granted()]);
    });

    it('grants a certification that does not expire', () => {
      spec
        .given([registered])
        .when(grant({ certification: 'tech-sme', expiryDate: undefined }))
        .then([granted({ certification: 'tech-sme', expiryDate: null })]);
    });

    it('refuses a certification already held', () => {
      spec
        .given([registered, granted()])
        .when(grant({ grantDate: '2026-01-01', expiryDate: '2028-12-31' }))
        .thenThrows(CertificationAlreadyHeldError, 'ENTERPRISE.CERTIFICATION_ALREADY_HELD');
    });

    it('refuses a certification held without expiry', () => {
      spec
        .given([registered, granted({ expiryDate: null })])
        .when(grant({ grantDate: '2030-01-01', expiryDate: null }))
        .thenThrows(CertificationAlreadyHeldError, 'ENTERPRISE.CERTIFICATION_ALREADY_HELD');
    });

    it('renews a certification once the previous grant has expired', () => {
      spec
        .given([registered, granted()])
        .when(grant({ grantDate: '2028-01-01', expiryDate: '2030-12-31' }))
        .then([granted({ grantDate: '2028-01-01', expiryDate: '2030-12-31' })]);
    });

    it('grants again after a revocation', () => {
      spec
        .given([registered, granted(), { type: 'EnterpriseCertificationRevoked', data: revoke().data }])
        .when(grant({ grantDate: '2026-06-01' }))
        .then([granted({ grantDate: '2026-06-01' })]);
    });

    it('refuses an expiry not after the grant', () => {
      spec
        .given([registered])
        .when(grant({ expiryDate: '2025-01-10' }))
        .thenThrows(InvalidEnterpriseInputError, 'ENTERPRISE.INVALID_INPUT');
    });

    it('refuses an unknown certification or a malformed date', () => {
      spec
        .given([registered])
        .when(grant({ certification: 'iso-9001' as never }))
        .thenThrows(InvalidEnterpriseInputError, 'ENTERPRISE.INVALID_INPUT');
      spec
        .given([registered])
        .when(grant({ grantDate: '2025-02-30' }))
        .thenThrows(InvalidDateError, 'DATE.INVALID');
    });

    it('refuses an unregistered enterprise', () => {
      spec.given([]).when(grant()).thenThrows(EnterpriseNotFoundError, 'ENTERPRISE.NOT_FOUND');
    });

    it('refuses anyone but an admin', () => {
      spec
        .given([registered])
        .when(grant({}, { sub: 'b', role: 'bank', bankId: 'bank-1' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });
  });

  describe('RevokeCertification', () => {
    it('revokes a held certification with its reason', () => {
      spec
        .given([registered, granted()])
        .when(revoke())
        .then([{ type: 'EnterpriseCertificationRevoked', data: revoke().data }]);
    });

    it('refuses one never granted', () => {
      spec
        .given([registered, granted()])
        .when(revoke({ certification: 'little-giant' }))
        .thenThrows(CertificationNotHeldError, 'ENTERPRISE.CERTIFICATION_NOT_HELD');
    });

    it('refuses one already revoked', () => {
      spec
        .given([registered, granted(), { type: 'EnterpriseCertificationRevoked', data: revoke().data }])
        .when(revoke({ revocationDate: '2026-03-01' }))
        .thenThrows(CertificationNotHeldError, 'ENTERPRISE.CERTIFICATION_NOT_HELD');
    });

    it('refuses one expired by the revocation date', () => {
      spec
        .given([registered, granted()])
        .when(revoke({ revocationDate: '2028-01-01' }))
        .thenThrows(CertificationNotHeldError, 'ENTERPRISE.CERTIFICATION_NOT_HELD');
    });

    it('refuses a revocation without a reason', () => {
      spec
        .given([registered, granted()])
        .when(revoke({ reason: ' ' }))
        .thenThrows(InvalidEnterpriseInputError, 'ENTERPRISE.INVALID_INPUT');
    });

    it('refuses an unregistered enterprise', () => {
      spec.given([]).when(revoke()).thenThrows(EnterpriseNotFoundError, 'ENTERPRISE.NOT_FOUND');
    });

    it('refuses anyone but an admin', () => {
      spec
        .given([registered, granted()])
        .when(revoke({}, { sub: 'f', role: 'fund-manager' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });
  });

  describe('EraseEnterpriseContact', () => {
    it('records the erasure of a held contact, naming only the destroyed key', () => {
      spec.given([registeredWithContact]).when(erase()).then([erased]);
    });

    it('is a no-op once erased, or when no contact was ever given', () => {
      spec.given([registeredWithContact, erased]).when(erase()).then([]);
      spec.given([registered]).when(erase()).then([]);
    });

    it('refuses an unregistered enterprise', () => {
      spec.given([]).when(erase()).thenThrows(EnterpriseNotFoundError, 'ENTERPRISE.NOT_FOUND');
    });

    it('refuses a reason that is not one of the codes', () => {
      spec
        .given([registeredWithContact])
        .when({ ...erase(), data: { enterpriseId: 'ent-1', reason: 'asked nicely' as never } })
        .thenThrows(InvalidEnterpriseInputError, 'ENTERPRISE.INVALID_INPUT');
    });

    it.each(['bank', 'enterprise', 'fund-manager', 'auditor'] as const)('refuses a %s', (role) => {
      spec
        .given([registeredWithContact])
        .when(erase({ sub: 'x', role, enterpriseId: 'ent-1' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });
  });

  describe('certifications held on a date', () => {
    const state = foldEvents(enterpriseDecider, [
      registered,
      granted(),
      granted({ certification: 'tech-sme', grantDate: '2026-05-01', expiryDate: null }),
    ]);

    it('counts only grants in force on that date', () => {
      expect(certificationsHeldOn(state, '2025-01-09')).toEqual([]);
      expect(certificationsHeldOn(state, '2026-06-01')).toEqual(['high-tech', 'tech-sme']);
      expect(certificationsHeldOn(state, '2027-12-31')).toEqual(['high-tech', 'tech-sme']);
      expect(certificationsHeldOn(state, '2028-01-01')).toEqual(['tech-sme']);
      expect(holdsCertification(enterpriseDecider.initialState, 'high-tech', '2026-01-01')).toBe(false);
    });
  });
});
