import { CommandHandler } from '@nestjs/cqrs';
import type { ReceiveRepayment, CommandMetadata } from '@pledge-ledger/domain';
import { LoanCommandHandler } from '../loan-command-handler';
import { ReceiveRepaymentCommand } from './receive-repayment.command';

@CommandHandler(ReceiveRepaymentCommand)
export class ReceiveRepaymentHandler extends LoanCommandHandler<ReceiveRepaymentCommand> {
  // No retry: nothing tells a second repayment from the same one sent twice, so deciding again on
  // newer state could count it twice. A ConcurrencyError reaches the caller; idempotency keys (the
  // API's) are what make a resend safe.

  protected toDomain(command: ReceiveRepaymentCommand, metadata: CommandMetadata): ReceiveRepayment {
    return { type: 'ReceiveRepayment', data: command.data, metadata };
  }
}
