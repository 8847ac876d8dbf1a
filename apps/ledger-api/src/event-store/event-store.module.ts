import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { openEventStore, type EventStore } from '@pledge-ledger/event-store';
import { LEDGER_CONFIG } from '../config/config.module';
import type { LedgerConfig } from '../config/ledger-config';

/** Injection token of the one EventStore the process uses, chosen by LEDGER_EVENT_STORE. */
export const EVENT_STORE = Symbol('EVENT_STORE');

@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Global()
@Module({})
export class EventStoreModule {
  static forRoot(): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          inject: [LEDGER_CONFIG],
          useFactory: (config: LedgerConfig) => openEventStore(config.eventStoreUrl),
        },
        EventStoreCloser,
      ],
      exports: [EVENT_STORE],
    };
  }
}
