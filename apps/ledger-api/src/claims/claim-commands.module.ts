import { Module } from '@nestjs/common';
import { LedgerCommandsModule } from '@pledge-ledger/application';
import { ClaimCommandsController } from './claim-commands.controller';
import { PayClaim } from './pay-claim';
import { PayClaimController } from './pay-claim.controller';

/** The claims' command routes. */
@Module({
  imports: [LedgerCommandsModule],
  controllers: [ClaimCommandsController, PayClaimController],
  providers: [PayClaim],
})
export class ClaimCommandsModule {}
