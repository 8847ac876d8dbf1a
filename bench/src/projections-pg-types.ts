import { types } from 'pg';

/** int8, json and jsonb: the type parsers Emmett's dumbo replaces for the whole process. */
const OIDS = [20, 114, 3802] as const;

/**
 * Runs `work` (all the Emmett code of the run: the history's copy and the peer's rebuild), then
 * puts node-postgres' type parsers back as they were. The first dumbo pool of a process sets
 * process-wide parsers (`setNodePostgresTypeParser`: int8 as BigInt, JSON through a reviver that
 * turns long numeric strings into BigInts, which also makes every JSON.parse slower); they would
 * change what our code and the ceiling read after the peer. Dumbo sets them once per process
 * only, so Emmett code must not run again after this returns.
 */
export async function restoringPgTypeParsers<T>(work: () => Promise<T>): Promise<T> {
  const saved = OIDS.map((oid) => [oid, types.getTypeParser(oid, 'text')] as const);
  try {
    return await work();
  } finally {
    for (const [oid, parser] of saved) types.setTypeParser(oid, 'text', parser);
  }
}
