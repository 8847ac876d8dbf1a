import { Module, type DynamicModule, type ForwardReference, type Type } from '@nestjs/common';
import { LedgerCommandsModule, SnapshotsModule } from '@pledge-ledger/application';
import { BankCommandsModule } from './banks/bank-commands.module';
import { ClaimCommandsModule } from './claims/claim-commands.module';
import { AuditModule } from './audit/audit.module';
import { ConfigModule } from './config/config.module';
import type { LedgerConfig } from './config/ledger-config';
import { EnterpriseCommandsModule } from './enterprises/enterprise-commands.module';
import { PersonalDataModule } from './enterprises/personal-data.module';
import { EventStoreModule } from './event-store/event-store.module';
import { FundCommandsModule } from './funds/fund-commands.module';
import { HealthController } from './health/health.controller';
import { HttpModule, type HttpModuleOptions } from './http/http.module';
import { IpAssetCommandsModule } from './ip-assets/ip-asset-commands.module';
import { LoanCommandsModule } from './loans/loan-commands.module';
import { ObservabilityModule } from './observability/observability.module';
import { ReadSideModule } from './read-side/read-side.module';

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
        // Personal data keys beside the read models: contact persons are sealed and erased with them.
        PersonalDataModule,
        SnapshotsModule.forRoot({ readStoreUrl: config.readStoreUrl, every: config.snapshotEvery }),
        HttpModule.forRoot({ idempotency: options.idempotency }),
        // The command side: every handler on the CommandBus, and the POST routes of each area.
        LedgerCommandsModule,
        BankCommandsModule,
        EnterpriseCommandsModule,
        IpAssetCommandsModule,
        LoanCommandsModule,
        FundCommandsModule,
        ClaimCommandsModule,
        // The read side: GET routes over the read models (and the projections, unless LEDGER_PROJECTIONS=off).
        ReadSideModule.forRoot(config),
        AuditModule,
        // GET /metrics, the CommandBus timed, the projections' lag at scrape time.
        ObservabilityModule,
        ...(options.modules ?? []),
      ],
      controllers: [HealthController],
    };
  }
}
