import type { RiskFundCommand, RiskFundEvent, RiskFundState } from '@pledge-ledger/domain';
import { riskFundDecider, riskFundStreamId } from '@pledge-ledger/domain';
import { AggregateCommandHandler } from '../aggregate-command-handler';
import type { LedgerCommand } from '../ledger-command';

/** Commands on one risk fund: its stream is named by the fund id. */
export abstract class RiskFundCommandHandler<
  Cmd extends LedgerCommand<{ readonly fundId: string }>,
> extends AggregateCommandHandler<Cmd, RiskFundCommand, RiskFundEvent, RiskFundState> {
  protected readonly decider = riskFundDecider;

  protected streamId(command: Cmd): string {
    return riskFundStreamId(command.data.fundId);
  }
}
