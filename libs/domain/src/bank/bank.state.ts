import { assertNever } from '../shared/decider';
import type { BankEvent } from './bank.events';

export type BankState =
  | { readonly status: 'unregistered' }
  | { readonly status: 'registered'; readonly bankId: string; readonly name: string; readonly creditCode: string };

export const initialBankState: BankState = { status: 'unregistered' };

export function evolveBank(_state: BankState, event: BankEvent): BankState {
  switch (event.type) {
    case 'BankRegistered':
      return { status: 'registered', ...event.data };
    default:
      return assertNever(event.type);
  }
}
