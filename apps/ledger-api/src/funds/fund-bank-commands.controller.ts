import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  AdmitBankCommand,
  ReinstateBankCommand,
  SuspendBankCommand,
  type RequestContext,
} from '@pledge-ledger/application';
import { ApiCommand, CommandResponse, CurrentContext, ParseLedgerIdPipe, Roles } from '../http';
import { AdmitBankRequest } from './admit-bank.request.dto';
import { ReinstateBankRequest } from './reinstate-bank.request.dto';
import { SuspendBankRequest } from './suspend-bank.request.dto';

/** The banks of the fund: admission, suspension, reinstatement. Each answers with the fund's revision. */
@ApiTags('funds')
@Controller('v1/funds/:id/banks')
@Roles('fund-manager')
export class FundBankCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'Admit a registered bank to the fund',
    body: { type: AdmitBankRequest, example: { bankId: 'fjbank', admittedOn: '2025-01-20' } },
  })
  async admit(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: AdmitBankRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(id, await this.commands.execute(new AdmitBankCommand({ ...dto, fundId: id }, context)));
  }

  @Post(':bankId/suspension')
  @ApiCommand({
    summary: 'Suspend a bank (its enrolled loans stay covered)',
    body: { type: SuspendBankRequest, example: { reason: 'Reporting overdue', suspendedOn: '2025-06-01' } },
  })
  async suspend(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Param('bankId', ParseLedgerIdPipe) bankId: string,
    @Body() dto: SuspendBankRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(
      id,
      await this.commands.execute(new SuspendBankCommand({ ...dto, fundId: id, bankId }, context)),
    );
  }

  @Post(':bankId/reinstatement')
  @ApiCommand({
    summary: 'Reinstate a suspended bank',
    body: { type: ReinstateBankRequest, example: { reason: 'Reports filed', reinstatedOn: '2025-07-01' } },
  })
  async reinstate(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Param('bankId', ParseLedgerIdPipe) bankId: string,
    @Body() dto: ReinstateBankRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(
      id,
      await this.commands.execute(new ReinstateBankCommand({ ...dto, fundId: id, bankId }, context)),
    );
  }
}
