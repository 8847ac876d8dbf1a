import { CommandHandler } from '@nestjs/cqrs';
import type { RecordAnnualFeePayment, CommandMetadata } from '@pledge-ledger/domain';
import { IpAssetCommandHandler } from '../ip-asset-command-handler';
import { RecordAnnualFeePaymentCommand } from './record-annual-fee-payment.command';

@CommandHandler(RecordAnnualFeePaymentCommand)
export class RecordAnnualFeePaymentHandler extends IpAssetCommandHandler<RecordAnnualFeePaymentCommand> {
  // Only a lapsed fee can be paid: decided again on newer state, a payment already recorded is
  // refused, never recorded twice.
  protected override readonly retries = 3;

  protected toDomain(command: RecordAnnualFeePaymentCommand, metadata: CommandMetadata): RecordAnnualFeePayment {
    return { type: 'RecordAnnualFeePayment', data: command.data, metadata };
  }
}
