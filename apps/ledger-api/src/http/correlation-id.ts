import { randomUUID } from 'node:crypto';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** Letters, digits and `._:-`, at most 128: safe to echo in a header and to write in a log line. */
const SANE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `X-Correlation-Id` when it is a sane value, else a fresh UUID. */
export function correlationIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_CORRELATION_ID.test(value) ? value : randomUUID();
}
