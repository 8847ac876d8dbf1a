import { formatPosition, type EventStore } from '@pledge-ledger/event-store';
import type { Projector } from '../projections/projector';
import type { ReadStore } from '../read-store/read-store';

/** One dependency's answer. */
export interface ReadinessCheck {
  readonly status: 'up' | 'down';
  readonly error?: string;
  readonly [detail: string]: unknown;
}

/** GET /health/ready (API) and the projector's readiness: 503 unless every check is up. */
export interface ReadinessReport {
  readonly status: 'ok' | 'unavailable';
  readonly checks: Readonly<Record<string, ReadinessCheck>>;
}

export interface ReadinessSubjects {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  /** The projections running in this process; null when another process runs them. */
  readonly projector: Projector | null;
}

/** Longest a store may take to answer before it counts as down: a hung connection must not hang the probe. */
export const READINESS_TIMEOUT_MS = 3_000;

/**
 * How recent a projection's failure must be to count. A runner that keeps failing retries (and
 * fails again) at least every 5 s; one that failed once on a quiet system and has had no batch to
 * commit since would otherwise stay "failed" until the next event.
 */
export const PROJECTION_FAILURE_WINDOW_MS = 15_000;

/**
 * Ready means: the event store answers, the read store answers, and every projection of this
 * process runs and has not failed within the window. Each check says why it is down.
 */
export async function checkReadiness(subjects: ReadinessSubjects, now = Date.now()): Promise<ReadinessReport> {
  const [eventStore, readStore] = await Promise.all([
    probe(async () => ({ headPosition: formatPosition(await subjects.store.headPosition()) })),
    probe(async () => {
      await subjects.readStore.queries.query('SELECT 1');
      return {};
    }),
  ]);
  const checks: Record<string, ReadinessCheck> = { eventStore, readStore };
  if (subjects.projector) checks.projections = projectionsCheck(subjects.projector, now);
  const ok = Object.values(checks).every((check) => check.status === 'up');
  return { status: ok ? 'ok' : 'unavailable', checks };
}

function projectionsCheck(projector: Projector, now: number): ReadinessCheck {
  const stopped: string[] = [];
  const failing: Record<string, string> = {};
  for (const name of projector.names) {
    const { running, failure } = projector.runner(name).status;
    if (!running) stopped.push(name);
    if (failure && now - failure.at <= PROJECTION_FAILURE_WINDOW_MS) failing[name] = failure.error;
  }
  if (stopped.length === 0 && Object.keys(failing).length === 0) {
    return { status: 'up', running: projector.names.length };
  }
  return {
    status: 'down',
    error: [
      stopped.length > 0 ? `not running: ${stopped.join(', ')}` : '',
      Object.keys(failing).length > 0 ? `failing: ${Object.keys(failing).join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; '),
    ...(stopped.length > 0 ? { stopped } : {}),
    ...(Object.keys(failing).length > 0 ? { failing } : {}),
  };
}

async function probe(check: () => Promise<Record<string, unknown>>): Promise<ReadinessCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READINESS_TIMEOUT_MS} ms`)), READINESS_TIMEOUT_MS);
  });
  try {
    return { status: 'up', ...(await Promise.race([check(), timeout])) };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
