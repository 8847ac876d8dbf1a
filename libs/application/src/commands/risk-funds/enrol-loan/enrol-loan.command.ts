import { LedgerCommand } from '../../ledger-command';

/**
 * Fund manager: enrols an eligible loan of an admitted bank under the current policy. The loan's
 * bank, borrower, principal and standing, and the borrower's size and certifications on the
 * enrolment date, are read from their own streams.
 */
export interface EnrolLoanCommandData {
  readonly fundId: string;
  readonly loanId: string;
  readonly enrolledOn: string;
}

export class EnrolLoanCommand extends LedgerCommand<EnrolLoanCommandData> {}
