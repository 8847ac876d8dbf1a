import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, run before each B4 contender's clock so that its peak memory starts
 * from a collected heap, not from what the previous contender (or the ceiling's precomputation)
 * left behind. `npm run bench:projections` runs node without `--expose-gc`: the flag is set at
 * run time and `gc` taken from a fresh context, where V8 then installs it.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function collectGarbage(): void {
  gc();
}
