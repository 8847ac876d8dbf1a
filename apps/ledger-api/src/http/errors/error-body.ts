/** One invalid field of a request and every reason it is invalid. */
export interface FieldProblem {
  /** Dotted path into the body, e.g. `principal` or `pledgedAssets.0.number`; a header or `(body)` otherwise. */
  readonly field: string;
  readonly problems: readonly string[];
}

/** The one shape of every error response, whatever its status. */
export interface ErrorBody {
  readonly error: {
    readonly status: number;
    /** Stable, for programs: `LOAN.NOT_DEFAULTED`, `REQUEST.INVALID`, `AUTH.UNAUTHENTICATED`... */
    readonly code: string;
    /** For a person. */
    readonly message: string;
    /** Facts behind the error; for 400 `fields` lists every invalid field. */
    readonly details: Readonly<Record<string, unknown>>;
    /** Quote it when asking about this request: the server's log carries it too. */
    readonly correlationId: string;
  };
}

export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorBody;
}
