import { canonicalJson, sha256Hex } from './hash-chain';

/**
 * The text an event's data or metadata is stored as: the canonical JSON (hash-chain.ts) of the
 * value as a read will return it, i.e. after the JSON round trip (a Date becomes its string, an
 * undefined field disappears, a key order is forgotten). Storing the canonical text, rather than
 * the text as written, lets one serialisation serve both the row and the digest (`appendedDigest`,
 * below): the append path is hot (every event, in the writer's process), and serialising each
 * payload twice, once as written and once in canonical order, was its largest cost. Key order
 * carries no meaning in JSON, so reads return the same values, with keys in canonical order.
 *
 * Plain JSON values (plain objects and arrays, strings, numbers, booleans, null) take the short
 * route: a copy whose objects hold their keys in canonical order, written by JSON.stringify, which
 * for such values writes exactly what canonicalJson writes of their round trip. Anything else, or
 * a key order a JS object cannot hold (index-like keys, which objects enumerate numerically; an
 * own `__proto__`), or nesting deeper than MAX_DEPTH (a cycle, say), takes the definition's route:
 * canonicalJson of JSON.parse of JSON.stringify. Whatever JSON.stringify throws (a bigint, a
 * cycle) is thrown; undefined is returned when the value has no JSON form. appended-digest.spec.ts
 * checks both routes agree with the definition.
 */
export function canonicalText(value: unknown): string | undefined {
  const ordered = canonicallyOrdered(value, 0);
  if (ordered !== NOT_PLAIN) return JSON.stringify(ordered) as string | undefined;
  const written = JSON.stringify(value) as string | undefined;
  return written === undefined ? undefined : canonicalJson(JSON.parse(written));
}

/**
 * The digest of an event about to be appended, `contentDigest` (hash-chain.ts, the definition) of
 * the event as a read will return it, given its data and metadata as canonical texts
 * (`canonicalText`): the wrapper's canonical JSON is then plain concatenation, its keys already in
 * canonical order (data, metadata, streamId, type), and nothing is serialised again.
 */
export function appendedDigest(streamId: string, type: string, dataText: string, metadataText: string): string {
  return sha256Hex(
    `{"data":${dataText},"metadata":${metadataText},"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(type)}}`,
  );
}

const NOT_PLAIN: unique symbol = Symbol('not plain JSON');
const INDEX_LIKE = /^(?:0|[1-9][0-9]*)$/;
/** Deeper than any ledger payload; beyond it (a cycle, say) the definition's route decides, and JSON.stringify throws for a cycle. */
const MAX_DEPTH = 100;

/** The value with every object's keys in canonical (UTF-16) order, copying only what must move; or NOT_PLAIN. */
function canonicallyOrdered(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return NOT_PLAIN;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const ordered = canonicallyOrdered(item, depth + 1);
      if (ordered === NOT_PLAIN) return NOT_PLAIN;
      if (ordered !== item) (copy ??= value.slice())[i] = ordered;
    }
    return copy ?? value;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return NOT_PLAIN;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] === '__proto__' || (isDigit(keys[i].charCodeAt(0)) && INDEX_LIKE.test(keys[i]))) return NOT_PLAIN;
    if (i > 0 && keys[i - 1] > keys[i]) sorted = false;
  }
  const ordered = sorted ? keys : sortedKeys(keys);
  const copy: Record<string, unknown> = {};
  let changed = !sorted;
  for (const key of ordered) {
    const item = record[key];
    const orderedItem = canonicallyOrdered(item, depth + 1);
    if (orderedItem === NOT_PLAIN) return NOT_PLAIN;
    if (orderedItem !== item) changed = true;
    copy[key] = orderedItem;
  }
  return changed ? copy : value;
}

/**
 * Key orders already sorted, by their first key: the objects of one shape (every event of a type)
 * enumerate the same keys in the same order, and sorting them again for each event cost about as
 * much as copying the object. Checked key by key before use; forgotten wholesale when full; only
 * for objects of up to MAX_CACHED_KEYS keys, so what it holds stays small.
 */
const SORTED_BY_FIRST_KEY = new Map<
  string,
  { readonly found: readonly string[]; readonly sorted: readonly string[] }
>();
const MAX_SORTED_SHAPES = 1000;
const MAX_CACHED_KEYS = 64;

function sortedKeys(keys: readonly string[]): readonly string[] {
  if (keys.length > MAX_CACHED_KEYS) return [...keys].sort();
  const known = SORTED_BY_FIRST_KEY.get(keys[0]);
  if (known !== undefined && sameKeys(known.found, keys)) return known.sorted;
  const sorted = [...keys].sort();
  if (SORTED_BY_FIRST_KEY.size >= MAX_SORTED_SHAPES) SORTED_BY_FIRST_KEY.clear();
  SORTED_BY_FIRST_KEY.set(keys[0], { found: keys, sorted });
  return sorted;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
