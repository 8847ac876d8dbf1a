/** A journal or trial-balance query with a malformed filter or cursor (the HTTP layer answers 400). */
export class InvalidLedgerQueryError extends Error {
  readonly code = 'LEDGER.INVALID_QUERY';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
