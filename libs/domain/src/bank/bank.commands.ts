import type { Command } from '../shared/decider';

export type RegisterBank = Command<
  'RegisterBank',
  {
    readonly bankId: string;
    readonly name: string;
    /** Banks carry a unified social credit code too (GB 32100-2015); validated and normalised. */
    readonly creditCode: string;
  }
>;

export type BankCommand = RegisterBank;
