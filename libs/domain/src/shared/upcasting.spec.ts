import { ledgerEventSchemas } from '../event-schemas';
import { eventSchemas, UnknownSchemaVersionError, type EventPayload } from './upcasting';

const v1Registered = {
  enterpriseId: 'ent-1',
  name: 'Minjiang Photonics Co., Ltd.',
  creditCode: '91350100M000100Y43',
  region: 'Fujian/Fuzhou',
  size: 'small',
};

describe('Upcasting', () => {
  describe('the ledger event schemas', () => {
    it('read a v1 EnterpriseRegistered as v2, without a contact person', () => {
      expect(ledgerEventSchemas.currentVersion('EnterpriseRegistered')).toBe(2);
      expect(ledgerEventSchemas.upcast('EnterpriseRegistered', 1, v1Registered)).toEqual({
        ...v1Registered,
        contact: null,
      });
    });

    it('leave an event of the current version as it is', () => {
      const v2 = { ...v1Registered, contact: { keyId: 'k', iv: 'aQ==', ciphertext: 'Yw==', tag: 'dA==' } };
      expect(ledgerEventSchemas.upcast('EnterpriseRegistered', 2, v2)).toEqual(v2);
    });

    it('keep a type without upcasters at version 1', () => {
      expect(ledgerEventSchemas.currentVersion('LoanDisbursed')).toBe(1);
      expect(ledgerEventSchemas.upcast('LoanDisbursed', 1, { loanId: 'L1' })).toEqual({ loanId: 'L1' });
    });

    it.each([3, 0, 1.5, Number.NaN])('refuse version %p of EnterpriseRegistered', (version) => {
      expect(() => ledgerEventSchemas.upcast('EnterpriseRegistered', version, v1Registered)).toThrow(
        UnknownSchemaVersionError,
      );
    });

    it('refuse a future version of a type it knows only at version 1, naming both', () => {
      expect(() => ledgerEventSchemas.upcast('LoanDisbursed', 2, {})).toThrow(
        'LoanDisbursed has schema version 2, but this code knows versions 1 to 1',
      );
    });
  });

  describe('a chain of upcasters', () => {
    const schemas = eventSchemas([
      { type: 'Thing', fromVersion: 2, upcast: (data) => ({ ...data, path: `${String(data.path)}>3` }) },
      { type: 'Thing', fromVersion: 1, upcast: (data) => ({ ...data, path: `${String(data.path)}>2` }) },
    ]);

    it('applies every step from the stored version up, in order', () => {
      expect(schemas.currentVersion('Thing')).toBe(3);
      expect(schemas.upcast('Thing', 1, { path: '1' })).toEqual({ path: '1>2>3' });
      expect(schemas.upcast('Thing', 2, { path: '2' })).toEqual({ path: '2>3' });
    });

    it('is refused when a step is missing or doubled', () => {
      const step = { type: 'Thing', upcast: (data: EventPayload) => data };
      expect(() => eventSchemas([{ ...step, fromVersion: 2 }])).toThrow(/without a gap or a duplicate/);
      expect(() =>
        eventSchemas([
          { ...step, fromVersion: 1 },
          { ...step, fromVersion: 1 },
        ]),
      ).toThrow(/without a gap or a duplicate/);
    });
  });
});
