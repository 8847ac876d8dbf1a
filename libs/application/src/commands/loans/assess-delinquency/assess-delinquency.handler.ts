import { CommandHandler } from '@nestjs/cqrs';
import type { AssessDelinquency, CommandMetadata } from '@pledge-ledger/domain';
import { LoanCommandHandler } from '../loan-command-handler';
import { AssessDelinquencyCommand } from './assess-delinquency.command';

@CommandHandler(AssessDelinquencyCommand)
export class AssessDelinquencyHandler extends LoanCommandHandler<AssessDelinquencyCommand> {
  // An assessment describes the loan as it stands: deciding it again on newer state (a repayment
  // that landed first) records the newer, correct position, and assessing a date twice moves no
  // money.
  protected override readonly retries = 3;

  protected toDomain(command: AssessDelinquencyCommand, metadata: CommandMetadata): AssessDelinquency {
    return { type: 'AssessDelinquency', data: command.data, metadata };
  }
}
