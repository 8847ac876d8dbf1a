import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata, EnrolLoan } from '@pledge-ledger/domain';
import { enterpriseProfileOn } from '../../facts/enterprise-facts';
import { loanForEnrolment } from '../../facts/loan-facts';
import { RiskFundCommandHandler } from '../risk-fund-command-handler';
import { EnrolLoanCommand } from './enrol-loan.command';

@CommandHandler(EnrolLoanCommand)
export class EnrolLoanHandler extends RiskFundCommandHandler<EnrolLoanCommand> {
  // A loan already enrolled is refused and eligibility is re-checked against the policy current
  // on the newer state (the event records its version), so a retry enrols a loan at most once.
  protected override readonly retries = 3;

  protected async toDomain(command: EnrolLoanCommand, metadata: CommandMetadata): Promise<EnrolLoan> {
    const { fundId, loanId, enrolledOn } = command.data;
    const loan = await loanForEnrolment(this.store, loanId, metadata.actor);
    const enterprise = await enterpriseProfileOn(this.store, loan.enterpriseId, enrolledOn);
    return {
      type: 'EnrolLoan',
      data: {
        fundId,
        loanId,
        enrolledOn,
        ...loan,
        enterpriseSize: enterprise.size,
        enterpriseCertifications: enterprise.certifications,
      },
      metadata,
    };
  }
}
