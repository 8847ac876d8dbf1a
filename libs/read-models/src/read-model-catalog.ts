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
export const readModelEntities = [StreamCatalogRow, JournalEntryRow, JournalLineRow, JournalAccountBalanceRow, JournalLoanRow, LoanViewRow];

/** In the order they run (TypeORM also orders them by the timestamp ending their class name). */
export const readModelMigrations = [ProjectionCheckpoints1795564800000, StreamCatalog1795564800100, Journal1795564803000, LoanView1795564801100];

export const readModelProjections: readonly Projection[] = [streamCatalogProjection, journalProjection, loanViewProjection];
