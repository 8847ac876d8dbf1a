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
  EVENT_STORE,
  LedgerCommandsModule,
  openCheckpointStore,
  ProcessManagersModule,
  type CheckpointStore,
} from '@pledge-ledger/application';
import type { EventStore } from '@pledge-ledger/event-store';
import { Projector, readModelProjections, type ReadStore } from '@pledge-ledger/read-models';
import { LEDGER_CONFIG } from '../config/config.module';
import type { LedgerConfig } from '../config/ledger-config';
import { PROJECTOR, READ_STORE } from './read-side.tokens';

/** Starts every projection once the application has bootstrapped; stops them, checkpoints stored, before shutdown. */
@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(PROJECTOR) private readonly projector: Projector) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}

/** Closed after the process managers stored their checkpoints in it (beforeApplicationShutdown). */
@Injectable()
class CheckpointStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.checkpoints.close();
  }
}

/** The process managers keep their checkpoints with the read models (LEDGER_READ_STORE). */
@Global()
@Module({
  providers: [
    {
      provide: CHECKPOINT_STORE,
      inject: [LEDGER_CONFIG],
      useFactory: (config: LedgerConfig) => openCheckpointStore(config.readStoreUrl),
    },
    CheckpointStoreCloser,
  ],
  exports: [CHECKPOINT_STORE],
})
class ProcessManagerCheckpointsModule {}

/**
 * LEDGER_PROJECTIONS=in-process (the embedded default): every projection of the read-model catalog
 * and every process manager follow the event store's feed inside this process. READ_STORE comes
 * from the read side's global module; the process managers issue their commands on the CommandBus,
 * so the command handlers are registered here too (Nest imports a module once, whoever asks).
 */
@Module({})
export class InProcessRunnersModule {
  static forRoot(): DynamicModule {
    const logger = new Logger('Projections');
    return {
      module: InProcessRunnersModule,
      imports: [ProcessManagerCheckpointsModule, LedgerCommandsModule, ProcessManagersModule],
      providers: [
        {
          provide: PROJECTOR,
          inject: [EVENT_STORE, READ_STORE],
          useFactory: (store: EventStore, readStore: ReadStore) =>
            new Projector(store, readStore, readModelProjections, {
              onError: (error, projection) => logger.error(`${projection}: ${String(error)}`),
            }),
        },
        ProjectorLifecycle,
      ],
      exports: [PROJECTOR],
    };
  }
}

/** LEDGER_PROJECTIONS=off: apps/projector runs them; reads follow its checkpoints in the read store. */
@Module({ providers: [{ provide: PROJECTOR, useValue: null }], exports: [PROJECTOR] })
export class NoRunnersModule {}
