import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EVENT_STORE, ProcessManagers } from '@pledge-ledger/application';
import type { After, EventStore } from '@pledge-ledger/event-store';
import { loadCheckpoint, readModelProjections, type Projector, type ReadStore } from '@pledge-ledger/read-models';
import { LEDGER_CONFIG } from '../config/config.module';
import type { LedgerConfig } from '../config/ledger-config';
import { PROJECTOR, READ_STORE } from '../read-side/read-side.tokens';
import { feedLag, hasDensePositions } from './feed-lag';
import { LedgerMetrics } from './ledger-metrics';

/**
 * Sets the projection-lag and process-manager-backlog gauges at scrape time. In process, the
 * runners' positions are in memory; with LEDGER_PROJECTIONS=off the projections' checkpoints are
 * read from the read store (one small query each) and the process managers are not this process's.
 */
@Injectable()
export class FeedLagCollector implements OnApplicationBootstrap {
  private readonly logger = new Logger('Metrics');

  constructor(
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(LedgerMetrics) private readonly metrics: LedgerMetrics,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  onApplicationBootstrap(): void {
    const projector = this.find<Projector | null>(PROJECTOR) ?? null;
    const readStore = this.find<ReadStore>(READ_STORE);
    const managers = this.find<ProcessManagers>(ProcessManagers);
    const dense = hasDensePositions(this.config.eventStoreUrl);

    this.metrics.registry.beforeRender(async () => {
      const { projectionLag, projectionCaughtUp, processManagerBacklog, processManagerCaughtUp } = this.metrics;
      for (const gauge of [projectionLag, projectionCaughtUp, processManagerBacklog, processManagerCaughtUp])
        gauge.reset();
      try {
        const projections = new Map<string, After>();
        if (projector) {
          for (const name of projector.names) projections.set(name, projector.runner(name).checkpoint);
        } else if (readStore) {
          for (const { name } of readModelProjections)
            projections.set(name, await loadCheckpoint(readStore.queries, name));
        }
        const processManagers = new Map<string, After>(
          (managers?.runners ?? []).map((runner) => [runner.manager.name, runner.checkpoint]),
        );
        const lags = await feedLag(
          this.store,
          new Map([...prefixed('p:', projections), ...prefixed('m:', processManagers)]),
          dense,
        );
        for (const name of projections.keys()) {
          const lag = lags.get(`p:${name}`)!;
          projectionLag.set({ projection: name }, lag.behind);
          projectionCaughtUp.set({ projection: name }, lag.caughtUp ? 1 : 0);
        }
        for (const name of processManagers.keys()) {
          const lag = lags.get(`m:${name}`)!;
          processManagerBacklog.set({ manager: name }, lag.behind);
          processManagerCaughtUp.set({ manager: name }, lag.caughtUp ? 1 : 0);
        }
      } catch (error) {
        // The other metrics are still worth a scrape; the absent gauges and this counter tell the rest.
        this.metrics.collectorErrors.inc();
        this.logger.warn(`projection lag and process-manager backlog not computed: ${String(error)}`);
      }
    });
  }

  private find<T>(token: unknown): T | undefined {
    try {
      return this.moduleRef.get<T>(token as never, { strict: false });
    } catch {
      return undefined;
    }
  }
}

function prefixed(prefix: string, entries: ReadonlyMap<string, After>): [string, After][] {
  return [...entries].map(([name, position]) => [`${prefix}${name}`, position]);
}
