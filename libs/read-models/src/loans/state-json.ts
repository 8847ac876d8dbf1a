/**
 * A domain state (LoanState, IpAssetState) as JSON text in a read-model row, so that the
 * projection folds events with the domain's own `evolve` and the query computes with the
 * domain's own helpers (loanPositionAsOf...): one place per rule. The domain holds money as
 * bigint fen, which JSON has no type for: it is written as `{"$fen":"123"}` and read back as
 * a bigint. The state is rebuilt from the events by a rebuild, so its shape may follow the
 * domain's.
 */
const FEN = '$fen';

export function encodeState(state: unknown): string {
  return JSON.stringify(state, (_key, value: unknown) =>
    typeof value === 'bigint' ? { [FEN]: value.toString() } : value,
  );
}

export function decodeState<T>(text: string): T {
  return revive(JSON.parse(text)) as T;
}

/**
 * What a `JSON.parse` reviver turning `{"$fen":"..."}` into a bigint would do, in one walk of the
 * parsed tree: a reviver costs a call per value, and decoding the loan states was the loan view's
 * largest cost (docs/benchmarks.md, B4). Children first, as a reviver sees them.
 */
function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (child !== null && typeof child === 'object') value[i] = revive(child);
    }
    return value;
  }
  const object = value as Record<string, unknown>;
  let keys = 0;
  for (const key of Object.keys(object)) {
    keys++;
    const child = object[key];
    if (child !== null && typeof child === 'object') {
      const revived = revive(child);
      if (revived !== child) object[key] = revived;
    }
  }
  const fen = object[FEN];
  return keys === 1 && typeof fen === 'string' ? BigInt(fen) : value;
}
