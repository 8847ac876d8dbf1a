import { domainError } from '../shared/domain-error';

export class BankAlreadyExistsError extends domainError('BANK.ALREADY_EXISTS') {}
/** For the application layer and other aggregates' commands that name a bank that is not registered. */
export class BankNotFoundError extends domainError('BANK.NOT_FOUND', 'not-found') {}
/** A field of the command is malformed (details.field names it). */
export class InvalidBankInputError extends domainError('BANK.INVALID_INPUT', 'invalid') {}
