import { Module } from '@nestjs/common';
import { LedgerCommandsModule } from '@pledge-ledger/application';
import { EnterpriseCommandsController } from './enterprise-commands.controller';

/** The enterprise register's command routes. */
@Module({ imports: [LedgerCommandsModule], controllers: [EnterpriseCommandsController] })
export class EnterpriseCommandsModule {}
