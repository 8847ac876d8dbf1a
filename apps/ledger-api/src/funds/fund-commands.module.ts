import { Module } from '@nestjs/common';
import { LedgerCommandsModule } from '@pledge-ledger/application';
import { FundBankCommandsController } from './fund-bank-commands.controller';
import { FundCommandsController } from './fund-commands.controller';

/** The risk fund's command routes. */
@Module({ imports: [LedgerCommandsModule], controllers: [FundCommandsController, FundBankCommandsController] })
export class FundCommandsModule {}
