/**
 * How hard the R1 crash tests push. The normal suite (`npm test`) runs the short variant, a few
 * seconds per store; `npm run test:r1` sets LEDGER_R1=long: five crashes and more load.
 */
export interface R1Size {
  readonly crashes: number;
  readonly loans: number;
  readonly commandsPerQueue: number;
  /** How long the commands cut off may take to be acknowledged after the last restart. */
  readonly settleMs: number;
  /** The test's own timeout: the settling plus the crashes, restarts and checks. */
  readonly timeoutMs: number;
}

export function r1Size(env: NodeJS.ProcessEnv = process.env): R1Size {
  // A claim cut off by a crash is taken over after 120 s (the idempotency interceptor's
  // staleAfterMs): re-sends of its key answer 409 IDEMPOTENCY.IN_PROGRESS until then.
  const settleMs = 150_000;
  const timeoutMs = settleMs + 120_000;
  if (env.LEDGER_R1 === 'long') return { crashes: 5, loans: 8, commandsPerQueue: 60, settleMs, timeoutMs };
  return { crashes: 2, loans: 3, commandsPerQueue: 20, settleMs, timeoutMs };
}
