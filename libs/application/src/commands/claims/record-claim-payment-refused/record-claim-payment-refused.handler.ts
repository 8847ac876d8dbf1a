import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata, RecordClaimPaymentRefused } from '@pledge-ledger/domain';
import { ClaimCommandHandler } from '../claim-command-handler';
import { RecordClaimPaymentRefusedCommand } from './record-claim-payment-refused.command';

@CommandHandler(RecordClaimPaymentRefusedCommand)
export class RecordClaimPaymentRefusedHandler extends ClaimCommandHandler<RecordClaimPaymentRefusedCommand> {
  // No retry: the refusal is of one approved payout. Decided again on newer state it would lapse
  // a round of approvals given since, on figures the fund has not refused.

  protected toDomain(command: RecordClaimPaymentRefusedCommand, metadata: CommandMetadata): RecordClaimPaymentRefused {
    return { type: 'RecordClaimPaymentRefused', data: command.data, metadata };
  }
}
