import { requireRole } from '../shared/authorization';
import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { validateUnifiedSocialCreditCode } from '../identifiers/unified-social-credit-code';
import type { BankCommand, RegisterBank } from './bank.commands';
import { BankAlreadyExistsError, InvalidBankInputError } from './bank.errors';
import type { BankEvent } from './bank.events';
import type { BankState } from './bank.state';
import { evolveBank, initialBankState } from './bank.state';

export const bankStreamId = (bankId: string): string => `bank-${bankId}`;

function registerBank({ data, metadata }: RegisterBank, state: BankState): BankEvent[] {
  requireRole(metadata.actor, 'admin');
  const bankId = text(data.bankId, 'bankId');
  const name = text(data.name, 'name');
  const creditCode = validateUnifiedSocialCreditCode(data.creditCode);
  if (state.status !== 'unregistered') {
    throw new BankAlreadyExistsError(`Bank ${bankId} is already registered`, { bankId });
  }
  return [{ type: 'BankRegistered', data: { bankId, name, creditCode } }];
}

function text(value: unknown, field: string): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '' || trimmed.length > 200) {
    throw new InvalidBankInputError(`${field} must be text of 1 to 200 characters`, { field });
  }
  return trimmed;
}

export function decideBank(command: BankCommand, state: BankState): BankEvent[] {
  switch (command.type) {
    case 'RegisterBank':
      return registerBank(command, state);
    default:
      return assertNever(command.type);
  }
}

export const bankDecider: Decider<BankCommand, BankEvent, BankState> = {
  initialState: initialBankState,
  evolve: evolveBank,
  decide: decideBank,
};
