import { CommandHandler } from '@nestjs/cqrs';
import type { WriteOffLoan, CommandMetadata } from '@pledge-ledger/domain';
import { LoanCommandHandler } from '../loan-command-handler';
import { WriteOffLoanCommand } from './write-off-loan.command';

@CommandHandler(WriteOffLoanCommand)
export class WriteOffLoanHandler extends LoanCommandHandler<WriteOffLoanCommand> {
  // A write-off is final and a second one is refused (LOAN.ALREADY_WRITTEN_OFF); the amount is
  // computed from the newer state, so a recovery that landed first is not written off.
  protected override readonly retries = 3;

  protected toDomain(command: WriteOffLoanCommand, metadata: CommandMetadata): WriteOffLoan {
    return { type: 'WriteOffLoan', data: command.data, metadata };
  }
}
