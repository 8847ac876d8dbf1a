import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, EVENT_STORE, systemClock } from '@pledge-ledger/application';
import { openEventStore, type EventStore } from '@pledge-ledger/event-store';
import { LEDGER_CONFIG } from '../config/config.module';
import type { LedgerConfig } from '../config/ledger-config';

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
        { provide: CLOCK, useValue: systemClock },
        EventStoreCloser,
      ],
      exports: [EVENT_STORE, CLOCK],
    };
  }
}
