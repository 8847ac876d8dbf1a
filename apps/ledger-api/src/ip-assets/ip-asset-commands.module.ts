import { Module } from '@nestjs/common';
import { LedgerCommandsModule } from '@pledge-ledger/application';
import { IpAssetCommandsController } from './ip-asset-commands.controller';

/** The IP register's command routes. */
@Module({ imports: [LedgerCommandsModule], controllers: [IpAssetCommandsController] })
export class IpAssetCommandsModule {}
