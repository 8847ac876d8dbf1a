import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  FileInvalidationCommand,
  RecordAnnualFeeLapseCommand,
  RecordAnnualFeePaymentCommand,
  RecordValuationCommand,
  RegisterIpAssetCommand,
  ResolveInvalidationCommand,
  type LedgerCommand,
  type RequestContext,
} from '@pledge-ledger/application';
import { ApiCommand, CommandResponse, CurrentContext, newAggregateId, ParseLedgerIdPipe, Roles } from '../http';
import { RecordLegalStatusRequest } from './record-legal-status.request.dto';
import { RecordValuationRequest } from './record-valuation.request.dto';
import { RegisterIpAssetRequest } from './register-ip-asset.request.dto';

@ApiTags('ip-assets')
@Controller('v1/ip-assets')
@Roles('admin')
export class IpAssetCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'Register a patent or trademark with its owners',
    created: true,
    body: {
      type: RegisterIpAssetRequest,
      example: {
        ipAssetId: 'lens-fixture',
        kind: 'invention-patent',
        number: '202110345678.3',
        title: 'Aspheric lens grinding fixture',
        ownerEnterpriseIds: ['minjiang-optics'],
        grantDate: '2022-08-16',
        expiryDate: '2041-03-01',
      },
    },
  })
  async register(
    @Body() dto: RegisterIpAssetRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    const ipAssetId = dto.ipAssetId ?? newAggregateId(context);
    const result = await this.commands.execute(new RegisterIpAssetCommand({ ...dto, ipAssetId }, context));
    return CommandResponse.created(ipAssetId, result);
  }

  @Post(':id/valuations')
  @ApiCommand({
    summary: "Record an appraiser's valuation",
    body: {
      type: RecordValuationRequest,
      example: { appraiser: 'Fujian Zhongxin Appraisal', value: '3200000.00', valuationDate: '2025-01-10' },
    },
  })
  async value(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: RecordValuationRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    const result = await this.commands.execute(new RecordValuationCommand({ ...dto, ipAssetId: id }, context));
    return CommandResponse.ok(id, result);
  }

  @Post(':id/legal-status')
  @ApiCommand({
    summary: 'Record an annual fee lapsed or paid, or an invalidation filed or resolved',
    body: {
      type: RecordLegalStatusRequest,
      example: { event: 'invalidation-resolved', date: '2025-09-01', caseNumber: '4W112233', outcome: 'upheld' },
    },
  })
  async recordLegalStatus(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: RecordLegalStatusRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    const result = await this.commands.execute(legalStatusCommand(id, dto, context));
    return CommandResponse.ok(id, result);
  }
}

/** The domain command a legal-status event stands for (the DTO has checked its fields). */
function legalStatusCommand(
  ipAssetId: string,
  { event, date, caseNumber = '', outcome = 'upheld' }: RecordLegalStatusRequest,
  context: RequestContext,
): LedgerCommand<unknown> {
  switch (event) {
    case 'annual-fee-lapsed':
      return new RecordAnnualFeeLapseCommand({ ipAssetId, lapseDate: date }, context);
    case 'annual-fee-paid':
      return new RecordAnnualFeePaymentCommand({ ipAssetId, paymentDate: date }, context);
    case 'invalidation-filed':
      return new FileInvalidationCommand({ ipAssetId, caseNumber, filingDate: date }, context);
    case 'invalidation-resolved':
      return new ResolveInvalidationCommand({ ipAssetId, caseNumber, outcome, resolutionDate: date }, context);
    default: {
      const unknown: never = event;
      throw new Error(`Unhandled legal-status event ${String(unknown)}`);
    }
  }
}
