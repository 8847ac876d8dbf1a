import { readFileSync } from 'node:fs';
import { Latencies, nowMs, round } from './measure';

/** What one operation of a closed-loop worker ended with: an HTTP status, or 'ok' / an error name. */
export type Outcome = string | number;

export interface LoopFigures {
  readonly seconds: number;
  readonly operations: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Operations that succeeded (counted in the rate and the percentiles). */
  readonly succeeded: number;
  /** Every outcome in the measured window, e.g. { "200": 51234, "409": 3 }. */
  readonly outcomes: Record<string, number>;
  readonly firstFailure?: string;
}

export interface LoopOptions {
  readonly workers: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  /** Called when the measured window opens and closes (e.g. to record lags only inside it). */
  readonly onWindow?: (open: boolean) => void;
}

/**
 * `workers` closed loops, each running `operation` back to back for the warm-up and then the
 * measured seconds. Only operations that start and end inside the measured window count; the rate
 * and percentiles are over those that succeeded, every outcome is counted by kind.
 */
export async function closedLoop(
  options: LoopOptions,
  operation: (worker: number) => Promise<{ ok: boolean; outcome: Outcome; failure?: string }>,
): Promise<LoopFigures> {
  const latencies = new Latencies();
  const outcomes: Record<string, number> = {};
  let operations = 0;
  let firstFailure: string | undefined;
  const start = nowMs();
  const measureFrom = start + options.warmupSeconds * 1000;
  const end = measureFrom + options.seconds * 1000;
  const opened = setTimeout(() => options.onWindow?.(true), options.warmupSeconds * 1000);
  const closed = setTimeout(() => options.onWindow?.(false), (options.warmupSeconds + options.seconds) * 1000);

  await Promise.all(
    Array.from({ length: options.workers }, async (_, worker) => {
      while (nowMs() < end) {
        const began = nowMs();
        let result: { ok: boolean; outcome: Outcome; failure?: string };
        try {
          result = await operation(worker);
        } catch (error) {
          result = { ok: false, outcome: error instanceof Error ? error.name : 'error', failure: String(error) };
        }
        const ended = nowMs();
        if (began < measureFrom || ended > end) continue;
        operations += 1;
        const key = String(result.outcome);
        outcomes[key] = (outcomes[key] ?? 0) + 1;
        if (result.ok) latencies.add(ended - began);
        else firstFailure ??= result.failure ?? key;
      }
    }),
  );
  clearTimeout(opened);
  clearTimeout(closed);
  options.onWindow?.(false);
  return {
    seconds: options.seconds,
    operations,
    perSecond: Math.round(latencies.size / options.seconds),
    p50Ms: round(latencies.percentile(50), 2),
    p99Ms: round(latencies.percentile(99), 2),
    maxMs: round(latencies.percentile(100), 2),
    succeeded: latencies.size,
    outcomes,
    ...(firstFailure === undefined ? {} : { firstFailure }),
  };
}

/** CPU time (user + system, ms) another process on this machine has used so far, from /proc. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the name), in clock ticks (100/s).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}
