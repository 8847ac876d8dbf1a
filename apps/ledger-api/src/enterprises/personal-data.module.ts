import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  CONTACT_VAULT,
  ContactVault,
  DATA_KEY_STORE,
  openDataKeyStore,
  type DataKeyStore,
} from '@pledge-ledger/application';
import { LEDGER_CONFIG } from '../config/config.module';
import type { LedgerConfig } from '../config/ledger-config';

@Injectable()
class DataKeyStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(DATA_KEY_STORE) private readonly keys: DataKeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}

/**
 * The personal data keys (in LEDGER_READ_STORE's database, never the event store) and the
 * ContactVault that seals, opens and erases contact persons with them: global, for the command
 * handlers and the enterprise dashboard alike.
 */
@Global()
@Module({
  providers: [
    {
      provide: DATA_KEY_STORE,
      inject: [LEDGER_CONFIG],
      useFactory: (config: LedgerConfig) => openDataKeyStore(config.readStoreUrl),
    },
    { provide: CONTACT_VAULT, inject: [DATA_KEY_STORE], useFactory: (keys: DataKeyStore) => new ContactVault(keys) },
    DataKeyStoreCloser,
  ],
  exports: [CONTACT_VAULT],
})
export class PersonalDataModule {}
