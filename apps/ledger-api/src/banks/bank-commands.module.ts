import { Module } from '@nestjs/common';
import { LedgerCommandsModule } from '@pledge-ledger/application';
import { BankCommandsController } from './bank-commands.controller';

/** The bank register's command routes. */
@Module({ imports: [LedgerCommandsModule], controllers: [BankCommandsController] })
export class BankCommandsModule {}
