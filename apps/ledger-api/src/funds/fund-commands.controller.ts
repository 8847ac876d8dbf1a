import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  ContributeCapitalCommand,
  EnrolLoanCommand,
  EstablishFundCommand,
  PublishFundPolicyCommand,
  type RequestContext,
} from '@pledge-ledger/application';
import { ApiCommand, CommandResponse, CurrentContext, newAggregateId, ParseLedgerIdPipe, Roles } from '../http';
import { ContributeCapitalRequest } from './contribute-capital.request.dto';
import { EnrolLoanRequest } from './enrol-loan.request.dto';
import { EstablishFundRequest } from './establish-fund.request.dto';
import { PublishFundPolicyRequest } from './publish-fund-policy.request.dto';

/**
 * Running the fund. Every route but the first changes the fund itself, so each answers 200 with
 * the fund's id and revision (its ETag), also for an enrolment.
 */
@ApiTags('funds')
@Controller('v1/funds')
@Roles('fund-manager')
export class FundCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'Establish the fund',
    created: true,
    body: {
      type: EstablishFundRequest,
      example: {
        fundId: 'fujian-ip-fund',
        name: 'Fujian IP Pledge Risk Compensation Fund',
        establishedOn: '2025-01-02',
      },
    },
  })
  async establish(
    @Body() dto: EstablishFundRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    const fundId = dto.fundId ?? newAggregateId(context);
    const result = await this.commands.execute(new EstablishFundCommand({ ...dto, fundId }, context));
    return CommandResponse.created(fundId, result);
  }

  @Post(':id/contributions')
  @ApiCommand({
    summary: 'Record capital paid into the fund',
    body: {
      type: ContributeCapitalRequest,
      example: { contributor: 'Fujian Provincial Finance Department', amount: '50000000.00', valueDate: '2025-01-10' },
    },
  })
  async contribute(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: ContributeCapitalRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(
      id,
      await this.commands.execute(new ContributeCapitalCommand({ ...dto, fundId: id }, context)),
    );
  }

  @Post(':id/policies')
  @ApiCommand({
    summary: 'Publish a new policy version (coverage tiers, caps, thresholds, eligibility)',
    body: {
      type: PublishFundPolicyRequest,
      example: {
        version: 1,
        coverageTiers: [
          { upToPrincipal: '5000000.00', ratioBps: 4000 },
          { upToPrincipal: '15000000.00', ratioBps: 3000 },
          { upToPrincipal: '30000000.00', ratioBps: 2000 },
        ],
        perLoanCap: '3000000.00',
        perBankAnnualCap: '10000000.00',
        defaultThresholdDays: 90,
        bankSuspensionBadLoanRatioBps: 500,
        eligibleEnterpriseSizes: ['micro', 'small'],
        eligibleCertifications: [],
        maxLoanPrincipal: '30000000.00',
        dualApprovalThreshold: '1000000.00',
        effectiveFrom: '2025-01-15',
      },
    },
  })
  async publishPolicy(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: PublishFundPolicyRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(
      id,
      await this.commands.execute(new PublishFundPolicyCommand({ ...dto, fundId: id }, context)),
    );
  }

  @Post(':id/enrolments')
  @ApiCommand({
    summary: 'Enrol an eligible loan of an admitted bank under the current policy',
    body: { type: EnrolLoanRequest, example: { loanId: 'loan-2025-0001', enrolledOn: '2025-03-06' } },
  })
  async enrol(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: EnrolLoanRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    return CommandResponse.ok(id, await this.commands.execute(new EnrolLoanCommand({ ...dto, fundId: id }, context)));
  }
}
