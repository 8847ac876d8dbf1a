import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { RequestContext } from '@pledge-ledger/application';
import { ApiCommand, CommandResponse, CurrentContext, ParseLedgerIdPipe, Roles } from '../http';
import { PayClaim } from './pay-claim';
import { PayClaimRequest } from './pay-claim.request.dto';

@ApiTags('claims')
@Controller('v1/claims')
export class PayClaimController {
  constructor(private readonly payClaim: PayClaim) {}

  @Post(':id/payouts')
  @Roles('fund-manager')
  @ApiCommand({
    summary:
      'Pay a fully approved claim now, if the fund has not already (the claim-payment process manager pays it ' +
      'on approval too; both use the same idempotent commands, so the fund pays once). Answers with the claim, paid',
    body: { type: PayClaimRequest, example: { valueDate: '2025-08-26' } },
  })
  async pay(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: PayClaimRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(id, await this.payClaim.execute(id, dto.valueDate, context));
  }
}
