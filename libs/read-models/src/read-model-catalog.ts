import { EnterpriseDashboard1795564801200 } from './migrations/1795564801200-enterprise-dashboard';
import { EnterpriseDashboardContact1795564804000 } from './migrations/1795564804000-enterprise-dashboard-contact';
import { enterpriseDashboardEntities } from './enterprise-dashboard/enterprise-dashboard.entity';
import { enterpriseDashboardProjection } from './enterprise-dashboard/enterprise-dashboard.projection';
import { IpRegister1795564801000 } from './migrations/1795564801000-ip-register';
import { IpRegisterOwnerRow, IpRegisterRow } from './ip-register/ip-register.entity';
import { ipRegisterProjection } from './ip-register/ip-register.projection';
import { Claims1795564802000 } from './migrations/1795564802000-claims';
import { ClaimRow } from './claims/claim.entity';
import { claimsProjection } from './claims/claim.projection';
import { FundDashboard1795564802100 } from './migrations/1795564802100-fund-dashboard';
import { BankPortfolio1795564802200 } from './migrations/1795564802200-bank-portfolio';
import { fundDashboardEntities } from './fund-dashboard/fund-dashboard.entity';
import { fundDashboardProjection } from './fund-dashboard/fund-dashboard.projection';
import { bankPortfolioEntities } from './bank-portfolio/bank-portfolio.entity';
import { bankPortfolioProjection } from './bank-portfolio/bank-portfolio.projection';
import { LoanView1795564801100 } from './migrations/1795564801100-loan-view';
import { LoanViewRow } from './loans/loan-view.entity';
import { loanViewProjection } from './loans/loan-view.projection';
import { Journal1795564803000 } from './migrations/1795564803000-journal';
import { JournalAccountBalanceRow, JournalEntryRow, JournalLineRow, JournalLoanRow } from './journal/journal.entity';
import { journalProjection } from './journal/journal.projection';
import { ProjectionCheckpoints1795564800000 } from './migrations/1795564800000-projection-checkpoints';
import { StreamCatalog1795564800100 } from './migrations/1795564800100-stream-catalog';
import type { Projection } from './projections/projection';
import { StreamCatalogRow } from './stream-catalog/stream-catalog.entity';
import { streamCatalogProjection } from './stream-catalog/stream-catalog.projection';

/** Every read model this library ships; a new view adds its entity, migration and projection here. */
export const readModelEntities = [
  StreamCatalogRow,
  JournalEntryRow,
  JournalLineRow,
  JournalAccountBalanceRow,
  JournalLoanRow,
  LoanViewRow,
  ClaimRow,
  ...fundDashboardEntities,
  ...bankPortfolioEntities,
  IpRegisterRow,
  IpRegisterOwnerRow,
  ...enterpriseDashboardEntities,
];

/** In the order they run (TypeORM also orders them by the timestamp ending their class name). */
export const readModelMigrations = [
  ProjectionCheckpoints1795564800000,
  StreamCatalog1795564800100,
  Journal1795564803000,
  LoanView1795564801100,
  Claims1795564802000,
  FundDashboard1795564802100,
  BankPortfolio1795564802200,
  IpRegister1795564801000,
  EnterpriseDashboard1795564801200,
  EnterpriseDashboardContact1795564804000,
];

export const readModelProjections: readonly Projection[] = [
  streamCatalogProjection,
  journalProjection,
  loanViewProjection,
  claimsProjection,
  fundDashboardProjection,
  bankPortfolioProjection,
  ipRegisterProjection,
  enterpriseDashboardProjection,
];
