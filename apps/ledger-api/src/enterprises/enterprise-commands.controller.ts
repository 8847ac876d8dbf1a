import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  EraseEnterpriseContactCommand,
  GrantCertificationCommand,
  RegisterEnterpriseCommand,
  RevokeCertificationCommand,
  type RequestContext,
} from '@pledge-ledger/application';
import { ApiCommand, CommandResponse, CurrentContext, newAggregateId, ParseLedgerIdPipe, Roles } from '../http';
import { EraseContactRequest } from './erase-contact.request.dto';
import { GrantCertificationRequest } from './grant-certification.request.dto';
import { RegisterEnterpriseRequest } from './register-enterprise.request.dto';
import { RevokeCertificationRequest } from './revoke-certification.request.dto';

@ApiTags('enterprises')
@Controller('v1/enterprises')
@Roles('admin')
export class EnterpriseCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCommand({
    summary: 'Register an enterprise (a borrower)',
    created: true,
    body: {
      type: RegisterEnterpriseRequest,
      example: {
        enterpriseId: 'minjiang-optics',
        name: 'Minjiang Optics Co., Ltd.',
        creditCode: '91350100M000100Y43',
        region: 'Fujian/Fuzhou',
        size: 'small',
        contact: { name: 'Lin Wei', phone: '+86 591 8800 1234', email: 'lin.wei@minjiang-optics.example' },
      },
    },
  })
  async register(
    @Body() dto: RegisterEnterpriseRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    const enterpriseId = dto.enterpriseId ?? newAggregateId(context);
    const result = await this.commands.execute(new RegisterEnterpriseCommand({ ...dto, enterpriseId }, context));
    return CommandResponse.created(enterpriseId, result);
  }

  @Post(':id/certifications')
  @ApiCommand({
    summary: 'Record a certification the enterprise was granted',
    body: {
      type: GrantCertificationRequest,
      example: { certification: 'high-tech', grantDate: '2024-12-01', expiryDate: '2027-11-30' },
    },
  })
  async grant(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: GrantCertificationRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    const result = await this.commands.execute(new GrantCertificationCommand({ ...dto, enterpriseId: id }, context));
    return CommandResponse.ok(id, result);
  }

  /** Revocation is its own resource, so that a certification is never edited or deleted. */
  @Post(':id/certification-revocations')
  @ApiCommand({
    summary: 'Record that a certification was revoked',
    body: {
      type: RevokeCertificationRequest,
      example: { certification: 'high-tech', revocationDate: '2025-06-30', reason: 'Annual review failed' },
    },
  })
  async revoke(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: RevokeCertificationRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    const result = await this.commands.execute(new RevokeCertificationCommand({ ...dto, enterpriseId: id }, context));
    return CommandResponse.ok(id, result);
  }

  /**
   * Erasure is its own resource, like a revocation: the contact person's data key is destroyed, so
   * the sealed contact in the history can never be read again, and EnterpriseContactErased records
   * when. Idempotent: once erased (or with no contact), it records nothing and answers the same.
   */
  @Post(':id/contact-erasures')
  @ApiCommand({
    summary: "Erase the enterprise's contact person (crypto-shredding: its key is destroyed)",
    body: { type: EraseContactRequest, example: { reason: 'subject-request' } },
  })
  async eraseContact(
    @Param('id', ParseLedgerIdPipe) id: string,
    @Body() dto: EraseContactRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    const result = await this.commands.execute(
      new EraseEnterpriseContactCommand({ enterpriseId: id, reason: dto.reason }, context),
    );
    return CommandResponse.ok(id, result);
  }
}
