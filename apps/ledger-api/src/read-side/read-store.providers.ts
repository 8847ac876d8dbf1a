import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { openReadStore, readModelEntities, readModelMigrations, ReadStore } from '@pledge-ledger/read-models';
import { LEDGER_CONFIG } from '../config/config.module';
import type { LedgerConfig } from '../config/ledger-config';
import { READ_STORE } from './read-side.tokens';

/** Closed last: after the projections and process managers stopped (beforeApplicationShutdown). */
@Injectable()
export class ReadStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
  }
}

/** Opens LEDGER_READ_STORE and runs its migrations before the application starts. */
export const readStoreProviders: Provider[] = [
  {
    provide: READ_STORE,
    inject: [LEDGER_CONFIG],
    useFactory: (config: LedgerConfig) =>
      openReadStore(config.readStoreUrl, { entities: readModelEntities, migrations: readModelMigrations }),
  },
  ReadStoreCloser,
];
