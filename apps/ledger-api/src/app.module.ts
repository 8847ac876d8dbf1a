import { Module, type DynamicModule, type ForwardReference, type Type } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import type { LedgerConfig } from './config/ledger-config';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { HttpModule, type HttpModuleOptions } from './http/http.module';

export interface AppModuleOptions extends HttpModuleOptions {
  /** More modules in the same application (tests add a test-only controller this way). */
  readonly modules?: readonly (Type | DynamicModule | ForwardReference)[];
}

@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        EventStoreModule.forRoot(),
        HttpModule.forRoot({ idempotency: options.idempotency }),
        ...(options.modules ?? []),
      ],
      controllers: [HealthController],
    };
  }
}
