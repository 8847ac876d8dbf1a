// What a controller author needs from the HTTP layer.
export { CurrentActor, CurrentContext, Public, Roles } from './auth/auth.decorators';
export type { TokenRole } from './auth/jwt-verifier';
export { HttpError } from './errors/http-error';
export type { ErrorBody, FieldProblem } from './errors/error-body';
export { CommandResponse, WithRevision, type CommandResponseBody } from './responses/command-response';
export {
  IsBusinessDate,
  IsCreditCode,
  IsLedgerId,
  IsMoney,
  IsPatentNumber,
  LEDGER_ID_PATTERN,
  type MoneyOptions,
} from './validation/domain-formats';
