import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { admitBank } from './decide/admit-bank';
import { assessBank } from './decide/assess-bank';
import { contributeCapital } from './decide/contribute-capital';
import { enrolLoan } from './decide/enrol-loan';
import { establishFund } from './decide/establish-fund';
import { payCompensation } from './decide/pay-compensation';
import { publishFundPolicy } from './decide/publish-policy';
import { receiveRecoveryShare } from './decide/receive-recovery-share';
import { reinstateBank } from './decide/reinstate-bank';
import { releaseLoanCover } from './decide/release-loan-cover';
import { suspendBank } from './decide/suspend-bank';
import type { RiskFundCommand } from './risk-fund.commands';
import type { RiskFundEvent } from './risk-fund.events';
import type { RiskFundState } from './risk-fund.state';
import { evolveRiskFund, initialRiskFundState } from './risk-fund.state';

export function decideRiskFund(command: RiskFundCommand, state: RiskFundState): RiskFundEvent[] {
  switch (command.type) {
    case 'EstablishFund':
      return establishFund(command, state);
    case 'ContributeCapital':
      return contributeCapital(command, state);
    case 'PublishFundPolicy':
      return publishFundPolicy(command, state);
    case 'AdmitBank':
      return admitBank(command, state);
    case 'SuspendBank':
      return suspendBank(command, state);
    case 'ReinstateBank':
      return reinstateBank(command, state);
    case 'AssessBank':
      return assessBank(command, state);
    case 'EnrolLoan':
      return enrolLoan(command, state);
    case 'ReleaseLoanCover':
      return releaseLoanCover(command, state);
    case 'PayCompensation':
      return payCompensation(command, state);
    case 'ReceiveRecoveryShare':
      return receiveRecoveryShare(command, state);
    default:
      return assertNever(command);
  }
}

export const riskFundDecider: Decider<RiskFundCommand, RiskFundEvent, RiskFundState> = {
  initialState: initialRiskFundState,
  evolve: evolveRiskFund,
  decide: decideRiskFund,
};
