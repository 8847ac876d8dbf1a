import {
  InvalidLedgerQueryError,
  InvalidReadQueryError,
  ProjectionLagError,
  ReadAccessDeniedError,
} from '@pledge-ledger/read-models';
import { formatPosition } from '@pledge-ledger/event-store';
import { HttpError, RequestValidationError } from '../http/errors/http-error';

/**
 * Unknown, or not the caller's to see: one answer for both, so a bank cannot tell another bank's
 * loan from one that does not exist.
 */
export class NotFoundForCallerError extends HttpError {
  constructor(kind: string, id: string) {
    super(404, `${kind.toUpperCase().replace(/-/g, '_')}.NOT_FOUND`, `There is no ${kind} ${id} you may see`, {
      [`${kind}Id`]: id,
    });
  }
}

/**
 * The read side's own errors as the HTTP layer's: a view refusing the role (403), a filter it does
 * not know (400 naming the parameter), projections behind a `minPosition` after the bound (503:
 * the answer would not show the caller's own write; retry, or read without minPosition).
 */
export function toReadError(error: unknown): unknown {
  if (error instanceof ReadAccessDeniedError) {
    return new HttpError(403, error.code, error.message, { view: error.view, role: error.role });
  }
  if (error instanceof InvalidReadQueryError || error instanceof InvalidLedgerQueryError) {
    return new RequestValidationError([{ field: error.field, problems: [error.message] }]);
  }
  if (error instanceof ProjectionLagError) {
    return new HttpError(
      503,
      error.code,
      `The read models have not yet reached position ${formatPosition(error.position)}; retry shortly`,
      { minPosition: formatPosition(error.position), lagging: error.projections, waitedMs: error.timeoutMs },
    );
  }
  return error;
}
