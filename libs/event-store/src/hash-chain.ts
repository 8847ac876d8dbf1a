import { hash } from 'node:crypto';

/**
 * Tamper evidence (DESIGN.md section 3; docs/export-format.md is the public description).
 *
 * Every event carries `hash`, chained over its stream's previous event:
 *
 *     digest = sha256hex( canonicalJson({ data, metadata, streamId, type }) )
 *     hash   = sha256hex( previousHash + "\n" + revision + "\n" + digest )
 *
 * where `previousHash` is the hash of the event at `revision - 1` of the same stream, or
 * GENESIS_HASH (64 zeros) for revision 0, and `revision` is written in decimal. Canonical JSON is
 * RFC 8785 (JCS) for the values a ledger event holds: object keys sorted by UTF-16 code units,
 * no whitespace, strings and numbers as ECMAScript's JSON.stringify writes them.
 *
 * The digest covers what an event says; the link adds where it sits. Two steps, so an adapter
 * that learns the revision and the previous hash only inside its append transaction (PostgreSQL,
 * which chains in SQL) can compute the digest beforehand and the link where the lock is held.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** What the hash of one event covers, as it is stored (after a JSON round trip). */
export interface HashedContent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`${typeof value} has no JSON form`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

export function sha256Hex(text: string): string {
  // One-shot crypto.hash (Node 20.12+): the same bytes as createHash('sha256').update(text, 'utf8')
  // .digest('hex'), without a Hash object per call, which costs more than hashing an event's text.
  return hash('sha256', text, 'hex');
}

/** The digest of what an event says: its stream, type, data and metadata. */
export function contentDigest(content: HashedContent): string {
  return sha256Hex(
    canonicalJson({ data: content.data, metadata: content.metadata, streamId: content.streamId, type: content.type }),
  );
}

/** The link: an event's hash from its stream's previous hash, its revision and its digest. */
export function chainHash(previousHash: string, revision: number, digest: string): string {
  return sha256Hex(`${previousHash}\n${revision}\n${digest}`);
}

/** The hash of one event, given the hash of the event before it in its stream (GENESIS_HASH for revision 0). */
export function eventHash(previousHash: string, revision: number, content: HashedContent): string {
  return chainHash(previousHash, revision, contentDigest(content));
}
