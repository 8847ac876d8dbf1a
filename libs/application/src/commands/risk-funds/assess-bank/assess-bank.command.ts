import type { AssessBank } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/**
 * Fund manager or a scheduled job: suspends the bank when its bad-loan ratio passes the policy's
 * threshold. The bank's enrolled and defaulted principal are computed from the fund and its loans.
 */
export type AssessBankCommandData = Omit<AssessBank['data'], 'enrolledPrincipal' | 'defaultedPrincipal'>;

export class AssessBankCommand extends LedgerCommand<AssessBankCommandData> {}
