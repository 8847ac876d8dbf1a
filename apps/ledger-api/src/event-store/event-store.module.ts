import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, EVENT_STORE, RAW_EVENT_STORE, systemClock, withUpcasting } from '@pledge-ledger/application';
import { openEventStore, type EventStore } from '@pledge-ledger/event-store';
import { LEDGER_CONFIG } from '../config/config.module';
import type { LedgerConfig } from '../config/ledger-config';

@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(RAW_EVENT_STORE) private readonly store: EventStore) {}

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
          provide: RAW_EVENT_STORE,
          inject: [LEDGER_CONFIG],
          useFactory: (config: LedgerConfig) => openEventStore(config.eventStoreUrl),
        },
        // What the application reads: every event in its type's current schema. The audit history
        // and verification inject RAW_EVENT_STORE instead: what was stored is what they show.
        { provide: EVENT_STORE, inject: [RAW_EVENT_STORE], useFactory: (raw: EventStore) => withUpcasting(raw) },
        { provide: CLOCK, useValue: systemClock },
        EventStoreCloser,
      ],
      exports: [EVENT_STORE, RAW_EVENT_STORE, CLOCK],
    };
  }
}
