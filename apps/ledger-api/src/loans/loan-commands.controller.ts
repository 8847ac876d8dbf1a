import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  AssessDelinquencyCommand,
  DeclareDefaultCommand,
  DisburseLoanCommand,
  OriginateLoanCommand,
  ReceiveRepaymentCommand,
  RecordRecoveryCommand,
  WriteOffLoanCommand,
  type RequestContext,
} from '@pledge-ledger/application';
import { ApiCommand, CommandResponse, CurrentContext, newAggregateId, ParseLedgerIdPipe, Roles } from '../http';
import { AssessDelinquencyRequest } from './assess-delinquency.request.dto';
import { DeclareDefaultRequest } from './declare-default.request.dto';
import { DisburseLoanRequest } from './disburse-loan.request.dto';
import { OriginateLoanRequest } from './originate-loan.request.dto';
import { ReceiveRepaymentRequest } from './receive-repayment.request.dto';
import { RecordRecoveryRequest } from './record-recovery.request.dto';
import { WriteOffLoanRequest } from './write-off-loan.request.dto';

/**
 * A bank's loans. The lending bank is the token's bankId, never a body field; another bank's loan
 * answers 404 (the domain's LOAN.NOT_FOUND), as if it did not exist.
 */
@ApiTags('loans')
@Controller('v1/loans')
@Roles('bank')
export class LoanCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary:
      'Originate a loan against pledged assets (the pledges are then registered on each asset); the server names the loan: its id is in the answer',
    created: true,
    body: {
      type: OriginateLoanRequest,
      example: {
        enterpriseId: 'minjiang-optics',
        principal: '3000000.00',
        annualRateBps: 385,
        termMonths: 12,
        repaymentMethod: 'equal-instalments',
        originationDate: '2025-03-01',
        pledges: [{ assetId: 'lens-fixture', registrationNumber: 'Y2025980001234', consentingOwnerIds: [] }],
      },
    },
  })
  async originate(
    @Body() dto: OriginateLoanRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    // Always server-generated: see OriginateLoanRequest for why a client may not choose it.
    const loanId = newAggregateId(context);
    const bankId = context.actor.bankId ?? '';
    const result = await this.commands.execute(new OriginateLoanCommand({ ...dto, loanId, bankId }, context));
    return CommandResponse.created(loanId, result);
  }

  @Post(':id/disbursements')
  @ApiCommand({
    summary: 'Disburse the whole principal (every pledge must be secured)',
    body: { type: DisburseLoanRequest, example: { valueDate: '2025-03-05' } },
  })
  async disburse(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: DisburseLoanRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(
      id,
      await this.commands.execute(new DisburseLoanCommand({ ...dto, loanId: id }, context)),
    );
  }

  @Post(':id/repayments')
  @ApiCommand({
    summary: 'Record a repayment (allocated to interest, then principal; never more than owed)',
    body: { type: ReceiveRepaymentRequest, example: { amount: '255637.16', valueDate: '2025-04-05' } },
  })
  async repay(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: ReceiveRepaymentRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(
      id,
      await this.commands.execute(new ReceiveRepaymentCommand({ ...dto, loanId: id }, context)),
    );
  }

  @Post(':id/delinquency-assessments')
  @ApiCommand({
    summary: 'Assess days past due and the delinquency bucket as of a date',
    body: { type: AssessDelinquencyRequest, example: { asOf: '2025-08-10' } },
  })
  async assess(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: AssessDelinquencyRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(
      id,
      await this.commands.execute(new AssessDelinquencyCommand({ ...dto, loanId: id }, context)),
    );
  }

  @Post(':id/default')
  @ApiCommand({
    summary: 'Declare the loan in default (only past the default threshold)',
    body: { type: DeclareDefaultRequest, example: { asOf: '2025-08-10' } },
  })
  async declareDefault(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: DeclareDefaultRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(
      id,
      await this.commands.execute(new DeclareDefaultCommand({ ...dto, loanId: id }, context)),
    );
  }

  @Post(':id/recoveries')
  @ApiCommand({
    summary: 'Record money recovered on a defaulted loan',
    body: {
      type: RecordRecoveryRequest,
      example: {
        amount: '800000.00',
        source: 'pledge-enforcement',
        valueDate: '2025-11-20',
        assetId: 'lens-fixture',
        costs: '20000.00',
      },
    },
  })
  async recordRecovery(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: RecordRecoveryRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(
      id,
      await this.commands.execute(new RecordRecoveryCommand({ ...dto, loanId: id }, context)),
    );
  }

  @Post(':id/write-off')
  @ApiCommand({
    summary: 'Write off what was not recovered on a defaulted loan',
    body: { type: WriteOffLoanRequest, example: { valueDate: '2025-12-31' } },
  })
  async writeOff(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: WriteOffLoanRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(
      id,
      await this.commands.execute(new WriteOffLoanCommand({ ...dto, loanId: id }, context)),
    );
  }
}
