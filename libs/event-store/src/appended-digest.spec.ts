import { appendedDigest, canonicalText } from './appended-digest';
import { canonicalJson, contentDigest } from './hash-chain';

/** The definition's route: the digest of what a read returns after the JSON round trip. */
function definition(data: unknown, metadata: unknown): string {
  return contentDigest({
    streamId: 'loan-1',
    type: 'Tested',
    data: JSON.parse(JSON.stringify(data)) as unknown,
    metadata: JSON.parse(JSON.stringify(metadata)) as unknown,
  });
}

function appended(data: unknown, metadata: unknown): string {
  return appendedDigest('loan-1', 'Tested', canonicalText(data)!, canonicalText(metadata)!);
}

/** Nested `depth` objects deep. */
function nested(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = { z: i, a: value };
  return value;
}

class Money {
  constructor(readonly fen: string) {}
}

const metadata = {
  eventId: 'e-1',
  actor: { sub: '张伟', role: 'bank-officer', bankId: 'b-1' },
  correlationId: 'c-1',
  causationId: null,
  recordedAt: '2026-11-25T08:30:15.123Z',
  schemaVersion: 1,
};

const payloads: [string, unknown][] = [
  ['keys in written order, nested', { zeta: 1, alpha: { y: 'é中🙂', x: [3, 1, { b: 2, a: 1 }] }, mid: null }],
  ['keys already sorted', { a: 1, b: [true, false], c: { d: 'x' } }],
  ['empty things', { object: {}, array: [], string: '' }],
  ['unicode keys sorted by UTF-16 code units', { é: 1, e: 2, '😀': 3, '\uffff': 4, Z: 5, a: 6 }],
  ['escapes', { s: '"quoted" \\ back\u0001\u001f\u007f \u2028 \ud800 lone', '"k"': 1 }],
  ['numbers', { n: [0, -0, 1.5, 0.1, 1e21, 1e-7, -1e300, Number.MAX_SAFE_INTEGER, NaN, Infinity] }],
  ['undefined, functions and symbols', { u: undefined, f: () => 1, s: Symbol('x'), list: [undefined, () => 1] }],
  ['sparse array', { list: [1, , 3] }], // eslint-disable-line no-sparse-arrays
  ['index-like keys (objects enumerate them numerically)', { '10': 'a', '9': 'b', '01': 'c', x: 'd' }],
  ['a Date (toJSON)', { at: new Date('2026-01-02T03:04:05.000Z'), later: { at: new Date(0) } }],
  ['an object with its own toJSON', { amount: { toJSON: () => '12.50', ignored: true } }],
  ['a class instance', { money: new Money('1250') }],
  ['a null-prototype object', { bag: Object.assign(Object.create(null) as object, { b: 1, a: 2 }) }],
  ['an own __proto__ key from parsed JSON', JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as unknown],
  ['nesting deeper than the short route goes', nested(300)],
];

describe('appendedDigest', () => {
  it.each(payloads)('equals the definition over the JSON round trip: %s', (_, data) => {
    expect(appended(data, metadata)).toBe(definition(data, metadata));
  });

  it.each(payloads)('stores the canonical JSON of the round trip: %s', (_, data) => {
    expect(canonicalText(data)).toBe(canonicalJson(JSON.parse(JSON.stringify(data))));
  });

  it('tells events apart by every field of what they say', () => {
    const base = appended({ amountFen: '1250' }, metadata);
    const [data, meta] = [canonicalText({ amountFen: '1250' })!, canonicalText(metadata)!];
    expect(appendedDigest('loan-1', 'Tested', data, meta)).toBe(base);
    expect(appended({ amountFen: '1251' }, metadata)).not.toBe(base);
    expect(appended({ amountFen: '1250' }, { ...metadata, eventId: 'e-2' })).not.toBe(base);
    expect(appendedDigest('loan-2', 'Tested', data, meta)).not.toBe(base);
    expect(appendedDigest('loan-1', 'Other', data, meta)).not.toBe(base);
  });

  it('orders the keys of objects that share a shape, or only a first key, each by its own keys', () => {
    const shapes = [
      { b: 1, a: 2, c: 3 },
      { b: 4, a: 5, c: 6 },
      { b: 7, c: 8, a: 9 },
      { b: 1, a: 2 },
      { b: 1, a: 2, c: 3, d: { z: 1, y: 2 } },
      Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${99 - i}`, i])),
    ];
    for (const shape of [...shapes, ...shapes]) {
      expect(canonicalText(shape)).toBe(canonicalJson(shape));
    }
  });

  it('throws what JSON.stringify throws, and has no text for what has no JSON form', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = { back: cycle };
    expect(() => canonicalText(cycle)).toThrow(TypeError);
    expect(() => canonicalText({ amount: 1n })).toThrow(TypeError);
    expect(canonicalText(undefined)).toBeUndefined();
    expect(canonicalText(() => 1)).toBeUndefined();
  });
});
