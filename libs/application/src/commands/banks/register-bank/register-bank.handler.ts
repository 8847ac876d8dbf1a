import { CommandHandler } from '@nestjs/cqrs';
import type { RegisterBank, CommandMetadata } from '@pledge-ledger/domain';
import { BankCommandHandler } from '../bank-command-handler';
import { RegisterBankCommand } from './register-bank.command';

@CommandHandler(RegisterBankCommand)
export class RegisterBankHandler extends BankCommandHandler<RegisterBankCommand> {
  protected toDomain(command: RegisterBankCommand, metadata: CommandMetadata): RegisterBank {
    return { type: 'RegisterBank', data: command.data, metadata };
  }
}
