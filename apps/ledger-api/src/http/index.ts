// What a controller author needs from the HTTP layer (see README of this folder).
export { CurrentActor, CurrentContext, Public, Roles } from './auth/auth.decorators';
export type { TokenRole } from './auth/jwt-verifier';
export type { ErrorBody, FieldProblem } from './errors/error-body';
export { HttpError } from './errors/http-error';
export { IdempotencyExempt } from './idempotency/idempotency-exempt';
export { ApiCommand, type ApiCommandOptions } from './openapi/api-command.decorator';
export { CommandResponseSchema, ErrorBodySchema } from './openapi/schemas';
export { CommandResponse, WithRevision, type CommandResponseBody } from './responses/command-response';
export { newAggregateId } from './responses/new-aggregate-id';
export {
  IsBusinessDate,
  IsCreditCode,
  IsLedgerId,
  IsMoney,
  IsPatentNumber,
  LEDGER_ID_PATTERN,
  type MoneyOptions,
} from './validation/domain-formats';
export { ParseLedgerIdPipe } from './validation/parse-ledger-id.pipe';
