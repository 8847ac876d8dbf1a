import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  CHECKPOINT_STORE,
  CLOCK,
  EVENT_STORE,
  LedgerCommandsModule,
  openCheckpointStore,
  ProcessManagersModule,
  SnapshotsModule,
  systemClock,
  withUpcasting,
  type CheckpointStore,
} from '@pledge-ledger/application';
import { openEventStore, type EventStore } from '@pledge-ledger/event-store';
import {
  openReadStore,
  Projector,
  readModelEntities,
  readModelMigrations,
  readModelProjections,
  type ReadStore,
} from '@pledge-ledger/read-models';
import type { ProjectorConfig } from './projector-config';

export const READ_STORE = Symbol('READ_STORE');

/** Starts the projections once the context has bootstrapped; stops them (checkpoints committed) before shutdown. */
@Injectable()
export class ProjectionsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(Projector) readonly projector: Projector) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}

/** Closes the stores once every runner has stopped (beforeApplicationShutdown comes first). */
@Injectable()
class StoresCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.checkpoints.close();
    await this.readStore.close();
    await this.store.close();
  }
}

/** The stores, for the process managers' module and the projector alike. */
@Global()
@Module({})
class StoresModule {
  static forRoot(config: ProjectorConfig): DynamicModule {
    return {
      module: StoresModule,
      providers: [
        // Projections and process managers read every event in its type's current schema.
        { provide: EVENT_STORE, useFactory: async () => withUpcasting(await openEventStore(config.eventStoreUrl)) },
        { provide: CLOCK, useValue: systemClock },
        {
          provide: READ_STORE,
          useFactory: () =>
            openReadStore(config.readStoreUrl, { entities: readModelEntities, migrations: readModelMigrations }),
        },
        { provide: CHECKPOINT_STORE, useFactory: () => openCheckpointStore(config.readStoreUrl) },
        StoresCloser,
      ],
      exports: [EVENT_STORE, CLOCK, READ_STORE, CHECKPOINT_STORE],
    };
  }
}

/**
 * The projector process: every projection of the read-model catalog and every process manager,
 * following LEDGER_EVENT_STORE's feed into LEDGER_READ_STORE, for an API run with
 * LEDGER_PROJECTIONS=off. No HTTP. Several copies may run: checkpoints are committed with the rows
 * (projections) and the process managers are idempotent.
 */
@Module({})
export class ProjectorModule {
  static forRoot(config: ProjectorConfig): DynamicModule {
    const logger = new Logger('Projections');
    return {
      module: ProjectorModule,
      imports: [
        StoresModule.forRoot(config),
        SnapshotsModule.forRoot({ readStoreUrl: config.readStoreUrl, every: config.snapshotEvery }),
        LedgerCommandsModule,
        ProcessManagersModule,
      ],
      providers: [
        {
          provide: Projector,
          inject: [EVENT_STORE, READ_STORE],
          useFactory: (store: EventStore, readStore: ReadStore) =>
            new Projector(store, readStore, readModelProjections, {
              onError: (error, projection) => logger.error(`${projection}: ${String(error)}`),
            }),
        },
        ProjectionsLifecycle,
      ],
    };
  }
}
