import { CommandHandler } from '@nestjs/cqrs';
import type { RecordRecovery, CommandMetadata } from '@pledge-ledger/domain';
import { LoanCommandHandler } from '../loan-command-handler';
import { RecordRecoveryCommand } from './record-recovery.command';

@CommandHandler(RecordRecoveryCommand)
export class RecordRecoveryHandler extends LoanCommandHandler<RecordRecoveryCommand> {
  // No retry: nothing tells a second recovery from the same one sent twice, so deciding again on
  // newer state could count it twice. A ConcurrencyError reaches the caller; idempotency keys (the
  // API's) are what make a resend safe.

  protected toDomain(command: RecordRecoveryCommand, metadata: CommandMetadata): RecordRecovery {
    return { type: 'RecordRecovery', data: command.data, metadata };
  }
}
