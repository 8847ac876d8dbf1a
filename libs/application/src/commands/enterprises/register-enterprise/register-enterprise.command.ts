import type { RegisterEnterprise } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Admin: registers an enterprise with its validated unified social credit code. */
export class RegisterEnterpriseCommand extends LedgerCommand<RegisterEnterprise['data']> {}
