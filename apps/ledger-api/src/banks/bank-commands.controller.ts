import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { RegisterBankCommand, type RequestContext } from '@pledge-ledger/application';
import { ApiCommand, CommandResponse, CurrentContext, newAggregateId, Roles } from '../http';
import { RegisterBankRequest } from './register-bank.request.dto';

@ApiTags('banks')
@Controller('v1/banks')
export class BankCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin')
  @ApiCommand({
    summary: 'Register a lending bank',
    created: true,
    body: {
      type: RegisterBankRequest,
      example: { bankId: 'fjbank', name: 'Fujian Pilot Bank', creditCode: '91330100716105852F' },
    },
  })
  async register(
    @Body() dto: RegisterBankRequest,
    @CurrentContext() context: RequestContext,
  ): Promise<CommandResponse> {
    const bankId = dto.bankId ?? newAggregateId(context);
    const result = await this.commands.execute(new RegisterBankCommand({ ...dto, bankId }, context));
    return CommandResponse.created(bankId, result);
  }
}
