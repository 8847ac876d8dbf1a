import { contentDigest, sha256Hex } from './hash-chain';

/**
 * The digest of an event about to be appended, equal to `contentDigest` (hash-chain.ts, the
 * definition) of the event as a read will return it, i.e. of its data and metadata after the JSON
 * round trip the store puts them through (`dataText`, `metadataText` are what is stored).
 *
 * The append path is hot (every event, in the writer's process), and the definition's own route,
 * JSON.parse of the stored text then canonicalJson, costs several times JSON.stringify. So plain
 * JSON values (plain objects and arrays, strings, numbers, booleans, null) take a shorter route to
 * the same text: a copy whose objects hold their keys in canonical order, written by
 * JSON.stringify, which for such values writes exactly what canonicalJson writes of their round
 * trip. Anything else, or a key order a JS object cannot hold (index-like keys, which objects
 * enumerate numerically; an own `__proto__`), takes the definition's route over the stored text.
 * appended-digest.spec.ts checks both routes agree.
 */
export function appendedDigest(
  streamId: string,
  type: string,
  event: { readonly data: unknown; readonly metadata: unknown },
  dataText: string,
  metadataText: string,
): string {
  const data = canonicallyOrdered(event.data);
  const metadata = data === NOT_PLAIN ? NOT_PLAIN : canonicallyOrdered(event.metadata);
  if (data === NOT_PLAIN || metadata === NOT_PLAIN) {
    return contentDigest({
      streamId,
      type,
      data: JSON.parse(dataText) as unknown,
      metadata: JSON.parse(metadataText) as unknown,
    });
  }
  // The wrapper's keys are already in canonical order: data, metadata, streamId, type.
  return sha256Hex(JSON.stringify({ data, metadata, streamId, type }));
}

const NOT_PLAIN: unique symbol = Symbol('not plain JSON');
const INDEX_LIKE = /^(?:0|[1-9][0-9]*)$/;

/** The value with every object's keys in canonical (UTF-16) order, copying only what must move; or NOT_PLAIN. */
function canonicallyOrdered(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const ordered = canonicallyOrdered(item);
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
  if (!sorted) keys.sort();
  const copy: Record<string, unknown> = {};
  let changed = !sorted;
  for (const key of keys) {
    const item = record[key];
    const ordered = canonicallyOrdered(item);
    if (ordered === NOT_PLAIN) return NOT_PLAIN;
    if (ordered !== item) changed = true;
    copy[key] = ordered;
  }
  return changed ? copy : value;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
