/** Own-property lookup: ids are user input, so `constructor` must not find Object.prototype's. */
export function lookup<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
