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
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const fen = (value as Record<string, unknown>)[FEN];
      if (keys.length === 1 && typeof fen === 'string') return BigInt(fen);
    }
    return value;
  }) as T;
}
