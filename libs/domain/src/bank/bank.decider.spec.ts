import { ForbiddenError } from '../shared/authorization';
import type { Actor } from '../shared/decider';
import { InvalidCreditCodeError } from '../identifiers/identifier.errors';
import { deciderSpec } from '../testing/decider-spec';
import type { RegisterBank } from './bank.commands';
import { bankDecider, bankStreamId } from './bank.decider';
import { BankAlreadyExistsError, InvalidBankInputError } from './bank.errors';
import type { BankEvent } from './bank.events';

const admin: Actor = { sub: 'op-1', role: 'admin' };
const spec = deciderSpec(bankDecider);
const register = (data: Partial<RegisterBank['data']> = {}, actor = admin): RegisterBank => ({
  type: 'RegisterBank',
  data: { bankId: 'bank-1', name: 'Fuzhou Commercial Bank', creditCode: '91350100MA2Y0001X9', ...data },
  metadata: { actor, now: '2026-03-01T09:00:00.000Z' },
});
const registered: BankEvent = {
  type: 'BankRegistered',
  data: { bankId: 'bank-1', name: 'Fuzhou Commercial Bank', creditCode: '91350100MA2Y0001X9' },
};

describe('Bank', () => {
  it('names its stream', () => {
    expect(bankStreamId('bank-1')).toBe('bank-bank-1');
  });

  describe('RegisterBank', () => {
    it('registers a bank with its normalised credit code', () => {
      spec
        .given([])
        .when(register({ name: ' Fuzhou Commercial Bank ' }))
        .then([registered]);
    });

    it('refuses a second registration', () => {
      spec.given([registered]).when(register()).thenThrows(BankAlreadyExistsError, 'BANK.ALREADY_EXISTS');
    });

    it('refuses an invalid credit code', () => {
      spec
        .given([])
        .when(register({ creditCode: '91350100MA2Y0001X8' }))
        .thenThrows(InvalidCreditCodeError, 'IDENTIFIER.INVALID_CREDIT_CODE');
    });

    it.each([{ name: '' }, { bankId: ' ' }])('refuses a missing field %p', (data) => {
      spec.given([]).when(register(data)).thenThrows(InvalidBankInputError, 'BANK.INVALID_INPUT');
    });

    it.each(['bank', 'enterprise', 'fund-manager', 'auditor', 'system'] as const)('refuses a %s', (role) => {
      spec
        .given([])
        .when(register({}, { sub: 'x', role, bankId: 'bank-1' }))
        .thenThrows(ForbiddenError, 'AUTH.FORBIDDEN');
    });
  });
});
