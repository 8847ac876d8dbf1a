import { CommandHandler } from '@nestjs/cqrs';
import type { DisburseLoan, CommandMetadata } from '@pledge-ledger/domain';
import { LoanCommandHandler } from '../loan-command-handler';
import { DisburseLoanCommand } from './disburse-loan.command';

@CommandHandler(DisburseLoanCommand)
export class DisburseLoanHandler extends LoanCommandHandler<DisburseLoanCommand> {
  // The bank may race the pledging or enrolment process manager on this stream. A second
  // disbursement is refused (LOAN.ALREADY_DISBURSED), so deciding again on newer state can never pay
  // out twice.
  protected override readonly retries = 3;

  protected toDomain(command: DisburseLoanCommand, metadata: CommandMetadata): DisburseLoan {
    return { type: 'DisburseLoan', data: command.data, metadata };
  }
}
