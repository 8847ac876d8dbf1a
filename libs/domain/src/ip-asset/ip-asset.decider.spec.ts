import { ForbiddenError } from '../shared/authorization';
import { InvalidDateError } from '../shared/business-date';
import type { Actor } from '../shared/decider';
import { foldEvents } from '../shared/decider';
import { InvalidMoneyError } from '../shared/money';
import { InvalidPatentNumberError, InvalidTrademarkNumberError } from '../identifiers/identifier.errors';
import { deciderSpec } from '../testing/decider-spec';
import type { IpAssetCommand } from './ip-asset.commands';
import { ipAssetDecider, ipAssetStreamId } from './ip-asset.decider';
import {
  AnnualFeeAlreadyLapsedError,
  AnnualFeeNotLapsedError,
  InvalidationAlreadyFiledError,
  InvalidationNotPendingError,
  InvalidIpAssetInputError,
  IpAssetAlreadyExistsError,
  IpAssetDisposedError,
  IpAssetInvalidatedError,
  IpAssetKindMismatchError,
  IpAssetNotFoundError,
  NoAnnualFeeError,
} from './ip-asset.errors';
import type { IpAssetEvent } from './ip-asset.events';

const admin: Actor = { sub: 'op-1', role: 'admin' };
const spec = deciderSpec(ipAssetDecider);

type DataOf<T extends IpAssetCommand['type']> = Extract<IpAssetCommand, { type: T }>['data'];
function command<T extends IpAssetCommand['type']>(type: T, data: DataOf<T>, actor: Actor = admin): IpAssetCommand {
  return { type, data, metadata: { actor, now: '2026-03-01T09:00:00.000Z' } } as IpAssetCommand;
}

const registration: DataOf<'RegisterIpAsset'> = {
  ipAssetId: 'ip-1',
  kind: 'invention-patent',
  number: 'ZL202310012345.8',
  title: 'Method for packaging silicon photonic chips',
  ownerEnterpriseIds: ['ent-1'],
  grantDate: '2024-06-18',
  expiryDate: '2043-01-04',
};
const register = (data: Partial<DataOf<'RegisterIpAsset'>> = {}, actor = admin) =>
  command('RegisterIpAsset', { ...registration, ...data }, actor);
const registered: IpAssetEvent = {
  type: 'IpAssetRegistered',
  data: { ...registration, number: '202310012345.8' },
};
const trademark: IpAssetEvent = {
  type: 'IpAssetRegistered',
  data: {
    ...registration,
    kind: 'trademark',
    number: '30012345',
    title: 'MINJIANG (class 9)',
    grantDate: '2020-02-07',
    expiryDate: '2030-02-06',
  },
};
const lapsed: IpAssetEvent = { type: 'AnnualFeeLapsed', data: { ipAssetId: 'ip-1', lapseDate: '2025-07-01' } };
const filed = (caseNumber = '4W112233', filingDate = '2025-03-01'): IpAssetEvent => ({
  type: 'InvalidationFiled',
  data: { ipAssetId: 'ip-1', caseNumber, filingDate },
});
const resolved = (outcome: 'upheld' | 'invalidated' | 'partially-invalidated', caseNumber = '4W112233') =>
  ({
    type: 'InvalidationResolved',
    data: { ipAssetId: 'ip-1', caseNumber, outcome, resolutionDate: '2025-11-20' },
  }) as const;
const disposed: IpAssetEvent[] = [
  {
    type: 'PledgeRegistered',
    data: {
      ipAssetId: 'ip-1',
      loanId: 'loan-1',
      pledgeeBankId: 'bank-1',
      pledgorEnterpriseId: 'ent-1',
      registrationNumber: 'Y2025980001234',
      pledgeDate: '2025-01-15',
      loanMaturityDate: '2028-01-15',
      consentingOwnerIds: [],
      ownerEnterpriseIds: ['ent-1'],
      assetExpiryDate: '2043-01-04',
    },
  },
  {
    type: 'PledgeEnforced',
    data: {
      ipAssetId: 'ip-1',
      loanId: 'loan-1',
      pledgeeBankId: 'bank-1',
      pledgorEnterpriseId: 'ent-1',
      enforcementDate: '2026-02-01',
      saleProceeds: '800000.00',
    },
  },
];

describe('IpAsset', () => {
  it('names its stream', () => {
    expect(ipAssetStreamId('ip-1')).toBe('ip-asset-ip-1');
  });

  describe('RegisterIpAsset', () => {
    it('registers an invention patent with its normalised number', () => {
      spec.given([]).when(register()).then([registered]);
    });

    it('registers a jointly owned PCT utility model and a trademark', () => {
      spec
        .given([])
        .when(register({ kind: 'utility-model', number: '202190001234.1', ownerEnterpriseIds: ['ent-1', 'ent-2'] }))
        .then([
          {
            type: 'IpAssetRegistered',
            data: {
              ...registration,
              kind: 'utility-model',
              number: '202190001234.1',
              ownerEnterpriseIds: ['ent-1', 'ent-2'],
            },
          },
        ]);
      spec
        .given([])
        .when(
          register({
            kind: 'trademark',
            number: ' 30012345 ',
            title: 'MINJIANG (class 9)',
            grantDate: '2020-02-07',
            expiryDate: '2030-02-06',
          }),
        )
        .then([trademark]);
    });

    it('refuses a second registration', () => {
      spec.given([registered]).when(register()).thenThrows(IpAssetAlreadyExistsError, 'IP_ASSET.ALREADY_EXISTS');
    });

    it('refuses a patent number with a wrong check digit', () => {
      spec
        .given([])
        .when(register({ number: '202310012345.9' }))
        .thenThrows(InvalidPatentNumberError, 'IDENTIFIER.INVALID_PATENT_NUMBER');
    });

    it('refuses a trademark number that is not digits', () => {
      spec
        .given([])
        .when(register({ kind: 'trademark', number: 'TM-30012345' }))
        .thenThrows(InvalidTrademarkNumberError, 'IDENTIFIER.INVALID_TRADEMARK_NUMBER');
    });

    it.each([
      ['a design number registered as an invention', { number: '201930054321.3' }],
      ['an invention number registered as a utility model', { kind: 'utility-model' as const }],
      ['a PCT invention number registered as a design', { kind: 'design' as const, number: '201880001234.4' }],
    ])('refuses %s', (_, data) => {
      spec.given([]).when(register(data)).thenThrows(IpAssetKindMismatchError, 'IP_ASSET.KIND_MISMATCH');
    });

    it.each([
      ['no owner', { ownerEnterpriseIds: [] }],
      ['a repeated owner', { ownerEnterpriseIds: ['ent-1', 'ent-1'] }],
      ['a blank owner', { ownerEnterpriseIds: ['ent-1', ' '] }],
      ['an expiry on the grant date', { expiryDate: '2024-06-18' }],
      ['an expiry before the grant', { expiryDate: '2024-01-01' }],
      ['a grant before the application year', { grantDate: '2022-12-31' }],
      ['an empty title', { title: '' }],
      ['an unknown kind', { kind: 'copyright' as never }],
    ])('refuses %s', (_, data) => {
      spec.given([]).when(register(data)).thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
    });

    it('refuses a malformed date', () => {
      spec
        .given([])
        .when(register({ grantDate: '18/06/2024' }))
        .thenThrows(InvalidDateError, 'DATE.INVALID');
    });

    it.each(['bank', 'enterprise', 'fund-manager', 'auditor', 'system'] as const)('refuses a %s', (role) => {
      spec
        .given([])
        .when(register({}, { sub: 'x', role, bankId: 'bank-1' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });
  });

  describe('RecordAnnualFeeLapse', () => {
    const lapse = (lapseDate = '2025-07-01', actor = admin) =>
      command('RecordAnnualFeeLapse', { ipAssetId: 'ip-1', lapseDate }, actor);

    it('records the lapse', () => {
      spec.given([registered]).when(lapse()).then([lapsed]);
    });

    it('refuses a lapse already recorded', () => {
      spec
        .given([registered, lapsed])
        .when(lapse('2025-08-01'))
        .thenThrows(AnnualFeeAlreadyLapsedError, 'IP_ASSET.ANNUAL_FEE_ALREADY_LAPSED');
    });

    it('refuses a trademark, which has no annual fee', () => {
      spec.given([trademark]).when(lapse()).thenThrows(NoAnnualFeeError, 'IP_ASSET.NO_ANNUAL_FEE');
    });

    it('refuses a lapse before the grant', () => {
      spec.given([registered]).when(lapse('2024-01-01')).thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
    });

    it('refuses an unregistered, an invalidated and a disposed asset', () => {
      spec.given([]).when(lapse()).thenThrows(IpAssetNotFoundError, 'IP_ASSET.NOT_FOUND');
      spec
        .given([registered, filed(), resolved('invalidated')])
        .when(lapse('2026-01-01'))
        .thenThrows(IpAssetInvalidatedError, 'IP_ASSET.INVALIDATED');
      spec
        .given([registered, ...disposed])
        .when(lapse())
        .thenThrows(IpAssetDisposedError, 'IP_ASSET.DISPOSED');
    });

    it('refuses anyone but an admin', () => {
      spec
        .given([registered])
        .when(lapse(undefined, { sub: 'b', role: 'bank', bankId: 'bank-1' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });
  });

  describe('RecordAnnualFeePayment', () => {
    const pay = (paymentDate = '2025-08-15', actor = admin) =>
      command('RecordAnnualFeePayment', { ipAssetId: 'ip-1', paymentDate }, actor);

    it('records the payment that restores the right, with the lapse it cures', () => {
      spec
        .given([registered, lapsed])
        .when(pay())
        .then([
          { type: 'AnnualFeePaid', data: { ipAssetId: 'ip-1', paymentDate: '2025-08-15', lapseDate: '2025-07-01' } },
        ]);
    });

    it('refuses a payment when the fee is not lapsed', () => {
      spec.given([registered]).when(pay()).thenThrows(AnnualFeeNotLapsedError, 'IP_ASSET.ANNUAL_FEE_NOT_LAPSED');
      spec
        .given([
          registered,
          lapsed,
          { type: 'AnnualFeePaid', data: { ipAssetId: 'ip-1', paymentDate: '2025-08-15', lapseDate: '2025-07-01' } },
        ])
        .when(pay('2025-09-01'))
        .thenThrows(AnnualFeeNotLapsedError, 'IP_ASSET.ANNUAL_FEE_NOT_LAPSED');
    });

    it('refuses a payment dated before the lapse', () => {
      spec
        .given([registered, lapsed])
        .when(pay('2025-06-30'))
        .thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
    });

    it('refuses an unregistered or disposed asset, and anyone but an admin', () => {
      spec.given([]).when(pay()).thenThrows(IpAssetNotFoundError, 'IP_ASSET.NOT_FOUND');
      spec
        .given([registered, ...disposed])
        .when(pay())
        .thenThrows(IpAssetDisposedError, 'IP_ASSET.DISPOSED');
      spec
        .given([registered, lapsed])
        .when(pay(undefined, { sub: 'e', role: 'enterprise', enterpriseId: 'ent-1' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });
  });

  describe('FileInvalidation', () => {
    const file = (caseNumber = '4W112233', filingDate = '2025-03-01', actor = admin) =>
      command('FileInvalidation', { ipAssetId: 'ip-1', caseNumber, filingDate }, actor);

    it('records a filed invalidation request, and a second case alongside', () => {
      spec.given([registered]).when(file()).then([filed()]);
      spec
        .given([registered, filed()])
        .when(file('4W445566'))
        .then([filed('4W445566')]);
    });

    it('refuses the same case twice', () => {
      spec
        .given([registered, filed()])
        .when(file())
        .thenThrows(InvalidationAlreadyFiledError, 'IP_ASSET.INVALIDATION_ALREADY_FILED');
    });

    it('refuses a filing before the grant or without a case number', () => {
      spec
        .given([registered])
        .when(file(undefined, '2024-06-17'))
        .thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
      spec.given([registered]).when(file('')).thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
    });

    it('refuses an unregistered, invalidated or disposed asset, and anyone but an admin', () => {
      spec.given([]).when(file()).thenThrows(IpAssetNotFoundError, 'IP_ASSET.NOT_FOUND');
      spec
        .given([registered, filed(), resolved('invalidated')])
        .when(file('4W445566'))
        .thenThrows(IpAssetInvalidatedError, 'IP_ASSET.INVALIDATED');
      spec
        .given([registered, ...disposed])
        .when(file())
        .thenThrows(IpAssetDisposedError, 'IP_ASSET.DISPOSED');
      spec
        .given([registered])
        .when(file(undefined, undefined, { sub: 'a', role: 'auditor' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });
  });

  describe('ResolveInvalidation', () => {
    const resolve = (
      outcome: 'upheld' | 'invalidated' | 'partially-invalidated',
      caseNumber = '4W112233',
      resolutionDate = '2025-11-20',
      actor = admin,
    ) => command('ResolveInvalidation', { ipAssetId: 'ip-1', caseNumber, outcome, resolutionDate }, actor);

    it.each(['upheld', 'invalidated', 'partially-invalidated'] as const)('records the outcome %s', (outcome) => {
      spec
        .given([registered, filed()])
        .when(resolve(outcome))
        .then([resolved(outcome)]);
    });

    it('moves the asset to its status: only a full invalidation makes it void', () => {
      const state = (outcome: 'upheld' | 'invalidated' | 'partially-invalidated') =>
        foldEvents(ipAssetDecider, [registered, filed(), resolved(outcome)]);
      expect(state('upheld')).toMatchObject({
        status: 'in-force',
        pendingInvalidations: [],
        partiallyInvalidated: false,
      });
      expect(state('partially-invalidated')).toMatchObject({ status: 'in-force', partiallyInvalidated: true });
      expect(state('invalidated')).toMatchObject({ status: 'invalidated', invalidationDate: '2025-11-20' });
    });

    it('closes a case left pending on an asset another case invalidated', () => {
      spec
        .given([registered, filed(), filed('4W445566'), resolved('invalidated')])
        .when(resolve('upheld', '4W445566'))
        .then([resolved('upheld', '4W445566')]);
    });

    it('refuses a case that is not pending', () => {
      spec
        .given([registered, filed()])
        .when(resolve('upheld', '4W999999'))
        .thenThrows(InvalidationNotPendingError, 'IP_ASSET.INVALIDATION_NOT_PENDING');
      spec
        .given([registered, filed(), resolved('upheld')])
        .when(resolve('invalidated'))
        .thenThrows(InvalidationNotPendingError, 'IP_ASSET.INVALIDATION_NOT_PENDING');
    });

    it('refuses a resolution before the filing, or an unknown outcome', () => {
      spec
        .given([registered, filed()])
        .when(resolve('upheld', undefined, '2025-02-28'))
        .thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
      spec
        .given([registered, filed()])
        .when(resolve('withdrawn' as never))
        .thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
    });

    it('refuses an unregistered or disposed asset, and anyone but an admin', () => {
      spec.given([]).when(resolve('upheld')).thenThrows(IpAssetNotFoundError, 'IP_ASSET.NOT_FOUND');
      spec
        .given([registered, filed(), ...disposed])
        .when(resolve('upheld'))
        .thenThrows(IpAssetDisposedError, 'IP_ASSET.DISPOSED');
      spec
        .given([registered, filed()])
        .when(resolve('upheld', undefined, undefined, { sub: 's', role: 'system' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });
  });

  describe('RecordValuation', () => {
    const value = (data: Partial<DataOf<'RecordValuation'>> = {}, actor = admin) =>
      command(
        'RecordValuation',
        {
          ipAssetId: 'ip-1',
          appraiser: 'Fujian Zhonghe Appraisal Co.',
          value: '3200000',
          valuationDate: '2025-01-05',
          ...data,
        },
        actor,
      );
    const valued = (amount: string, valuationDate: string): IpAssetEvent => ({
      type: 'ValuationRecorded',
      data: { ipAssetId: 'ip-1', appraiser: 'Fujian Zhonghe Appraisal Co.', value: amount, valuationDate },
    });

    it('records the valuation with the value as a two-decimal string', () => {
      spec
        .given([registered])
        .when(value())
        .then([valued('3200000.00', '2025-01-05')]);
    });

    it('keeps the valuation with the latest date in the state', () => {
      const state = foldEvents(ipAssetDecider, [
        registered,
        valued('3200000.00', '2025-01-05'),
        valued('2500000.50', '2024-12-01'),
      ]);
      expect(state).toMatchObject({ latestValuation: { value: 320000000n, valuationDate: '2025-01-05' } });
    });

    it.each(['0', '0.00'])('refuses a value of %s', (amount) => {
      spec
        .given([registered])
        .when(value({ value: amount }))
        .thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
    });

    it.each(['-1.00', '1.234', '1e6', 'abc'])('refuses the amount %s', (amount) => {
      spec
        .given([registered])
        .when(value({ value: amount }))
        .thenThrows(InvalidMoneyError, 'MONEY.INVALID');
    });

    it('refuses a valuation without appraiser', () => {
      spec
        .given([registered])
        .when(value({ appraiser: ' ' }))
        .thenThrows(InvalidIpAssetInputError, 'IP_ASSET.INVALID_INPUT');
    });

    it('refuses an unregistered, invalidated or disposed asset, and anyone but an admin', () => {
      spec.given([]).when(value()).thenThrows(IpAssetNotFoundError, 'IP_ASSET.NOT_FOUND');
      spec
        .given([registered, filed(), resolved('invalidated')])
        .when(value())
        .thenThrows(IpAssetInvalidatedError, 'IP_ASSET.INVALIDATED');
      spec
        .given([registered, ...disposed])
        .when(value())
        .thenThrows(IpAssetDisposedError, 'IP_ASSET.DISPOSED');
      spec
        .given([registered])
        .when(value({}, { sub: 'f', role: 'fund-manager' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });
  });
});
