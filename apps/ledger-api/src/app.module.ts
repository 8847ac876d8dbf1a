import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import type { LedgerConfig } from './config/ledger-config';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), EventStoreModule.forRoot()],
      controllers: [HealthController],
    };
  }
}
