import type { RecordedEvent } from '@pledge-ledger/event-store';
import { evolveLoan, type LoanEvent, type LoanEventType, type LoanState } from '@pledge-ledger/domain';

/** Every event of the Loan aggregate; a Record so that a new event type is a compile error here. */
const LOAN_EVENTS: Record<LoanEventType, true> = {
  LoanOriginated: true,
  LoanPledgesSecured: true,
  LoanPledgeRefused: true,
  LoanDisbursed: true,
  RepaymentReceived: true,
  LoanRepaid: true,
  LoanDelinquencyAssessed: true,
  LoanDefaulted: true,
  RecoveryRecorded: true,
  LoanWrittenOff: true,
  LoanFundCoverageRecorded: true,
};

export const LOAN_EVENT_TYPES: readonly LoanEventType[] = Object.keys(LOAN_EVENTS) as LoanEventType[];

export function isLoanEvent(event: RecordedEvent): boolean {
  return Object.prototype.hasOwnProperty.call(LOAN_EVENTS, event.type);
}

/** The domain's own evolve: the read model keeps the same state the decider decides on. */
export function evolveLoanFromRecord(state: LoanState, event: RecordedEvent): LoanState {
  return evolveLoan(state, { type: event.type, data: event.data } as unknown as LoanEvent);
}

/** The loan an event is about: every loan, fund-enrolment and pledge event names it. */
export function loanIdOf(event: RecordedEvent): string {
  return String(event.data.loanId);
}
