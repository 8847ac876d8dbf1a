import type { PublishFundPolicy } from '@pledge-ledger/domain';
import { LedgerCommand } from '../../ledger-command';

/** Fund manager: publishes a new policy version (coverage tiers, caps, thresholds, eligibility). */
export class PublishFundPolicyCommand extends LedgerCommand<PublishFundPolicy['data']> {}
