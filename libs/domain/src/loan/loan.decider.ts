import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { assessDelinquency } from './decide/assess-delinquency';
import { declareDefault } from './decide/declare-default';
import { disburseLoan } from './decide/disburse-loan';
import { originateLoan } from './decide/originate-loan';
import { receiveRepayment } from './decide/receive-repayment';
import { recordFundCoverage } from './decide/record-fund-coverage';
import { recordRecovery } from './decide/record-recovery';
import { refusePledges } from './decide/refuse-pledges';
import { securePledges } from './decide/secure-pledges';
import { writeOffLoan } from './decide/write-off-loan';
import type { LoanCommand } from './loan.commands';
import type { LoanEvent } from './loan.events';
import type { LoanState } from './loan.state';
import { evolveLoan, initialLoanState } from './loan.state';

/** Each command's rules live in ./decide/<command>.ts. */
export function decideLoan(command: LoanCommand, state: LoanState): LoanEvent[] {
  switch (command.type) {
    case 'OriginateLoan':
      return originateLoan(command, state);
    case 'SecurePledges':
      return securePledges(command, state);
    case 'RefusePledges':
      return refusePledges(command, state);
    case 'DisburseLoan':
      return disburseLoan(command, state);
    case 'ReceiveRepayment':
      return receiveRepayment(command, state);
    case 'AssessDelinquency':
      return assessDelinquency(command, state);
    case 'DeclareDefault':
      return declareDefault(command, state);
    case 'RecordRecovery':
      return recordRecovery(command, state);
    case 'WriteOffLoan':
      return writeOffLoan(command, state);
    case 'RecordFundCoverage':
      return recordFundCoverage(command, state);
    default:
      return assertNever(command);
  }
}

export const loanDecider: Decider<LoanCommand, LoanEvent, LoanState> = {
  initialState: initialLoanState,
  evolve: evolveLoan,
  decide: decideLoan,
};
