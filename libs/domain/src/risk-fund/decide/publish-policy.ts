import { requireRole } from '../../shared/authorization';
import { fundPolicyData, parseFundPolicy } from '../fund-policy';
import type { PublishFundPolicy } from '../risk-fund.commands';
import { FundPolicyVersionNotIncreasingError } from '../risk-fund.errors';
import type { FundPolicyPublished } from '../risk-fund.events';
import type { RiskFundState } from '../risk-fund.state';
import { requireFund } from './guards';

/** Policies are versioned: a new version replaces the current one for every decision from now on. */
export function publishFundPolicy(command: PublishFundPolicy, state: RiskFundState): FundPolicyPublished[] {
  requireRole(command.metadata.actor, 'fund-manager');
  const { fundId, ...policyInput } = command.data;
  const fund = requireFund(state, fundId);
  const policy = parseFundPolicy(policyInput);
  if (fund.policy !== null && policy.version <= fund.policy.version) {
    throw new FundPolicyVersionNotIncreasingError(
      `Policy version ${policy.version} must be above the current version ${fund.policy.version}`,
      { version: policy.version, currentVersion: fund.policy.version },
    );
  }
  return [{ type: 'FundPolicyPublished', data: { fundId, ...fundPolicyData(policy) } }];
}
