/** A query's filter or date is not one the view knows (HTTP 400). */
export class InvalidReadQueryError extends Error {
  readonly code = 'READ_MODEL.INVALID_QUERY';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
