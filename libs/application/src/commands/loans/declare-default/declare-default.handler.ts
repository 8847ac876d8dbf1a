import { CommandHandler } from '@nestjs/cqrs';
import type { DeclareDefault, CommandMetadata } from '@pledge-ledger/domain';
import { LoanCommandHandler } from '../loan-command-handler';
import { DeclareDefaultCommand } from './declare-default.command';

@CommandHandler(DeclareDefaultCommand)
export class DeclareDefaultHandler extends LoanCommandHandler<DeclareDefaultCommand> {
  // Every rule is re-checked on the newer state (a repayment that landed first may bring the loan
  // back under the threshold) and a second default is refused (LOAN.ALREADY_DEFAULTED).
  protected override readonly retries = 3;

  protected toDomain(command: DeclareDefaultCommand, metadata: CommandMetadata): DeclareDefault {
    return { type: 'DeclareDefault', data: command.data, metadata };
  }
}
