/**
 * One-dimensional PostgreSQL arrays in the binary wire format (array_recv), built from a batch's
 * events. node-postgres sends a Buffer parameter in binary, and the server then reads each element
 * as its length and its bytes: no array literal to escape in Node and to unescape on the server,
 * and for `json[]`, one validating parse per payload where a JSON array of payloads took two
 * (json_in of the whole array, then json_array_elements). The append batch's statement holds the
 * append lock while the server reads its parameters, so what they cost is serial time.
 *
 * Layout: ndim (1), has-nulls flag (0), element type oid, length, lower bound (1), then each
 * element as its byte length (int32) and its bytes. The element type must be the one the
 * statement casts the parameter to (`$n::json[]`, `$n::text[]`, `$n::int[]`): the server checks.
 */
export const TEXT_OID = 25;
export const JSON_OID = 114;
const INT4_OID = 23;
const HEADER_BYTES = 20;

/**
 * A `text[]` or `json[]` of UTF-8 strings, one per item; NUL characters must have been refused
 * before. One pass: the buffer is sized for the most bytes the texts can take (3 per UTF-16 code
 * unit), each text written straight after a placeholder for its length, which is then filled in,
 * instead of measuring every text first (a second call into the runtime per element).
 */
export function binaryTextArray<Item>(
  oid: typeof TEXT_OID | typeof JSON_OID,
  items: readonly Item[],
  textOf: (item: Item) => string,
): Buffer {
  const texts = new Array<string>(items.length);
  let size = HEADER_BYTES;
  for (let i = 0; i < items.length; i++) {
    const text = textOf(items[i]);
    texts[i] = text;
    size += 4 + 3 * text.length;
  }
  const buffer = Buffer.allocUnsafe(size);
  let offset = writeHeader(buffer, oid, items.length);
  for (const text of texts) {
    const lengthAt = offset;
    const bytes = buffer.write(text, lengthAt + 4, 'utf8');
    buffer.writeInt32BE(bytes, lengthAt);
    offset = lengthAt + 4 + bytes;
  }
  return buffer.subarray(0, offset);
}

/** An `int[]` (int4) of the given integers. */
export function binaryIntArray(values: readonly number[]): Buffer {
  const buffer = Buffer.allocUnsafe(HEADER_BYTES + values.length * 8);
  let offset = writeHeader(buffer, INT4_OID, values.length);
  for (const value of values) {
    offset = buffer.writeInt32BE(4, offset);
    offset = buffer.writeInt32BE(value, offset);
  }
  return buffer;
}

function writeHeader(buffer: Buffer, oid: number, length: number): number {
  buffer.writeInt32BE(1, 0);
  buffer.writeInt32BE(0, 4);
  buffer.writeInt32BE(oid, 8);
  buffer.writeInt32BE(length, 12);
  buffer.writeInt32BE(1, 16);
  return HEADER_BYTES;
}
