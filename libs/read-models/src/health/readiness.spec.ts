import { sqlPosition, type EventStore } from '@pledge-ledger/event-store';
import type { Projector } from '../projections/projector';
import type { ProjectionRunnerStatus } from '../projections/projection-runner';
import type { ReadStore } from '../read-store/read-store';
import { checkReadiness, PROJECTION_FAILURE_WINDOW_MS } from './readiness';

const store = (head: () => Promise<unknown>) => ({ headPosition: head }) as unknown as EventStore;
const readStore = (query: () => Promise<unknown>) => ({ queries: { query } }) as unknown as ReadStore;
const projector = (statuses: Record<string, ProjectionRunnerStatus>) =>
  ({ names: Object.keys(statuses), runner: (name: string) => ({ status: statuses[name] }) }) as unknown as Projector;

const up = { store: store(async () => sqlPosition(7)), readStore: readStore(async () => [{ one: 1 }]) };
const NOW = 1_000_000;

describe('checkReadiness', () => {
  it('is ok when both stores answer and every projection runs', async () => {
    const report = await checkReadiness(
      { ...up, projector: projector({ loans: { running: true, failure: null } }) },
      NOW,
    );
    expect(report).toEqual({
      status: 'ok',
      checks: {
        eventStore: { status: 'up', headPosition: '7' },
        readStore: { status: 'up' },
        projections: { status: 'up', running: 1 },
      },
    });
  });

  it('names the store that does not answer', async () => {
    const report = await checkReadiness(
      { ...up, readStore: readStore(() => Promise.reject(new Error('connect ECONNREFUSED'))), projector: null },
      NOW,
    );
    expect(report).toEqual({
      status: 'unavailable',
      checks: {
        eventStore: { status: 'up', headPosition: '7' },
        readStore: { status: 'down', error: 'connect ECONNREFUSED' },
      },
    });
  });

  it('counts a projection down when stopped or failed within the window, not after it', async () => {
    const report = await checkReadiness(
      {
        ...up,
        projector: projector({
          loans: { running: false, failure: null },
          claims: { running: true, failure: { error: 'deadlock', at: NOW - 1000 } },
          journal: { running: true, failure: { error: 'old', at: NOW - PROJECTION_FAILURE_WINDOW_MS - 1 } },
        }),
      },
      NOW,
    );
    expect(report.status).toBe('unavailable');
    expect(report.checks.projections).toEqual({
      status: 'down',
      error: 'not running: loans; failing: claims',
      stopped: ['loans'],
      failing: { claims: 'deadlock' },
    });
  });
});
