import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  ApproveClaimCommand,
  FileClaimCommand,
  RejectClaimCommand,
  type RequestContext,
} from '@pledge-ledger/application';
import { ApiCommand, CommandResponse, CurrentContext, ParseLedgerIdPipe, Roles } from '../http';
import { ApproveClaimRequest } from './approve-claim.request.dto';
import { FileClaimRequest } from './file-claim.request.dto';
import { RejectClaimRequest } from './reject-claim.request.dto';

/** Claims on the fund. A claim's id is its loan's id: one claim stream per loan. */
@ApiTags('claims')
@Controller('v1/claims')
export class ClaimCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('bank')
  @ApiCommand({
    summary: 'File a claim on a defaulted loan enrolled in the fund (its id is the loan id)',
    created: true,
    body: { type: FileClaimRequest, example: { loanId: 'loan-2025-0001', filedOn: '2025-08-20' } },
  })
  async file(@Body() dto: FileClaimRequest, @CurrentContext() context: RequestContext): Promise<CommandResponse> {
    return CommandResponse.created(dto.loanId, await this.commands.execute(new FileClaimCommand(dto, context)));
  }

  @Post(':id/approvals')
  @Roles('fund-manager')
  @ApiCommand({
    summary: "Approve the payout computed from the fund's figures now (above the threshold, two managers)",
    body: { type: ApproveClaimRequest, example: { approvedOn: '2025-08-25' } },
  })
  async approve(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: ApproveClaimRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(
      id,
      await this.commands.execute(new ApproveClaimCommand({ ...dto, claimId: id }, context)),
    );
  }

  @Post(':id/rejections')
  @Roles('fund-manager')
  @ApiCommand({
    summary: 'Reject a claim not yet fully approved',
    body: { type: RejectClaimRequest, example: { reason: 'Default not documented', rejectedOn: '2025-08-25' } },
  })
  async reject(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: RejectClaimRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(
      id,
      await this.commands.execute(new RejectClaimCommand({ ...dto, claimId: id }, context)),
    );
  }
}
