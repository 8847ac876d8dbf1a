import type { DomainEvent } from '../shared/decider';

export type BankRegistered = DomainEvent<
  'BankRegistered',
  { readonly bankId: string; readonly name: string; readonly creditCode: string }
>;

export type BankEvent = BankRegistered;
