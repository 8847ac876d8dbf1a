import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { SNAPSHOTS } from '../tokens';
import { openSnapshotStore } from './open-snapshot-store';
import { Snapshots } from './snapshots';

export interface SnapshotsModuleOptions {
  /** LEDGER_READ_STORE: snapshots are kept with the read models (see openSnapshotStore). */
  readonly readStoreUrl: string;
  /** LEDGER_SNAPSHOT_EVERY; 0 provides SNAPSHOTS as null (snapshots off). */
  readonly every: number;
}

/** Closed after the command handlers stopped: waits for the snapshot writes under way, then closes the store. */
@Injectable()
class SnapshotsCloser implements OnApplicationShutdown {
  constructor(@Inject(SNAPSHOTS) private readonly snapshots: Snapshots | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.snapshots?.close();
  }
}

/** Provides SNAPSHOTS to every command handler of the process (AggregateCommandHandler injects it). */
@Global()
@Module({})
export class SnapshotsModule {
  static forRoot(options: SnapshotsModuleOptions): DynamicModule {
    return {
      module: SnapshotsModule,
      providers: [
        {
          provide: SNAPSHOTS,
          useFactory: async () =>
            options.every === 0
              ? null
              : new Snapshots(await openSnapshotStore(options.readStoreUrl), { every: options.every }),
        },
        SnapshotsCloser,
      ],
      exports: [SNAPSHOTS],
    };
  }
}
