import type { ContactDetails, RegisterEnterprise } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

export type RegisterEnterpriseData = Omit<RegisterEnterprise['data'], 'contact'> & {
  /** The contact person in clear: sealed by the handler before the domain ever sees it. */
  readonly contact?: ContactDetails | null;
};

/** Admin: registers an enterprise with its validated unified social credit code and, optionally, a contact person. */
export class RegisterEnterpriseCommand extends LedgerCommand<RegisterEnterpriseData> {}
