import { Module } from '@nestjs/common';
import { LedgerCommandsModule } from '@pledge-ledger/application';
import { LoanCommandsController } from './loan-commands.controller';

/** The loans' command routes. */
@Module({ imports: [LedgerCommandsModule], controllers: [LoanCommandsController] })
export class LoanCommandsModule {}
