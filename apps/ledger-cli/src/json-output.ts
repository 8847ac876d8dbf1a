/** JSON for people and scripts: bigints (money in fen) as decimal strings, never lost to a float. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), indent);
}
