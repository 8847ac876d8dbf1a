import { RequestValidationError } from '../errors/http-error';

const STRONG_REVISION_TAG = /^"(0|[1-9]\d{0,14})"$/;

/**
 * `If-Match: "<revision>"` (the ETag a response carried) as the revision a command expects.
 * Anything else (a list, `*`, a weak tag, a bare number) is refused so a caller never believes a
 * condition held that was not checked.
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(', ') : header.trim();
  const match = STRONG_REVISION_TAG.exec(value);
  if (!match) {
    throw new RequestValidationError([
      {
        field: 'If-Match',
        problems: [`must be one revision in double quotes as an ETag carries it, e.g. "3"; got ${value}`],
      },
    ]);
  }
  return Number(match[1]);
}

/** The ETag of an aggregate at a revision. */
export function revisionETag(revision: number): string {
  return `"${revision}"`;
}
