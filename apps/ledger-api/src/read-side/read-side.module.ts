import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { LedgerConfig } from '../config/ledger-config';
import { BankPortfolioController } from './banks/bank-portfolio.controller';
import { GetBankPortfolioHandler } from './banks/bank-portfolio.query';
import { ClaimReadsController } from './claims/claims.controller';
import { GetClaimHandler, ListClaimsHandler } from './claims/claim.queries';
import { EnterpriseDashboardController } from './enterprises/enterprise-dashboard.controller';
import { GetEnterpriseDashboardHandler } from './enterprises/enterprise-dashboard.query';
import { FundDashboardController } from './funds/fund-dashboard.controller';
import { GetFundDashboardHandler } from './funds/fund-dashboard.query';
import { InProcessRunnersModule, NoRunnersModule } from './in-process-runners.module';
import { IpAssetReadsController } from './ip-assets/ip-assets.controller';
import { GetIpAssetHandler, ListIpAssetsHandler } from './ip-assets/ip-asset.queries';
import { LedgerController } from './ledger/ledger.controller';
import { GetTrialBalanceHandler, ListJournalEntriesHandler } from './ledger/journal.queries';
import { LoanReadsController } from './loans/loans.controller';
import { GetLoanHandler, ListLoansHandler } from './loans/loan.queries';
import { StreamCatalogController } from './streams/stream-catalog.controller';
import { ListStreamsHandler } from './streams/stream-catalog.queries';
import { readStoreProviders } from './read-store.providers';
import { READ_STORE } from './read-side.tokens';
import { ReadSide } from './read-side';
import { ReadYourWrites } from './read-your-writes';

/** LEDGER_READ_STORE, open and migrated, for every module of the app (the runners write to it). */
@Global()
@Module({ providers: readStoreProviders, exports: [READ_STORE] })
class ReadStoreModule {}

const QUERY_HANDLERS = [
  ListIpAssetsHandler,
  GetIpAssetHandler,
  GetLoanHandler,
  ListLoansHandler,
  GetClaimHandler,
  ListClaimsHandler,
  GetBankPortfolioHandler,
  GetEnterpriseDashboardHandler,
  GetFundDashboardHandler,
  ListJournalEntriesHandler,
  GetTrialBalanceHandler,
  ListStreamsHandler,
];

const CONTROLLERS = [
  IpAssetReadsController,
  LoanReadsController,
  ClaimReadsController,
  BankPortfolioController,
  EnterpriseDashboardController,
  FundDashboardController,
  LedgerController,
  StreamCatalogController,
];

/**
 * The read side of the API: the read store, the read models' queries on the QueryBus, their GET
 * routes, read-your-writes, and (unless LEDGER_PROJECTIONS=off) the projections and process
 * managers running in this process.
 */
@Module({})
export class ReadSideModule {
  static forRoot(config: Pick<LedgerConfig, 'projections'>): DynamicModule {
    return {
      module: ReadSideModule,
      imports: [
        ReadStoreModule,
        CqrsModule,
        config.projections === 'in-process' ? InProcessRunnersModule.forRoot() : NoRunnersModule,
      ],
      controllers: CONTROLLERS,
      providers: [ReadYourWrites, ReadSide, ...QUERY_HANDLERS],
    };
  }
}
