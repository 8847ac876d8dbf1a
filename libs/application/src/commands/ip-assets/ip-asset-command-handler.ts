import type { IpAssetCommand, IpAssetEvent, IpAssetState } from '@pledge-ledger/domain';
import { ipAssetDecider, ipAssetStreamId } from '@pledge-ledger/domain';
import { AggregateCommandHandler } from '../aggregate-command-handler';
import type { LedgerCommand } from '../ledger-command';

/** Commands on one IP asset: its stream is named by the asset id. */
export abstract class IpAssetCommandHandler<
  Cmd extends LedgerCommand<{ readonly ipAssetId: string }>,
> extends AggregateCommandHandler<Cmd, IpAssetCommand, IpAssetEvent, IpAssetState> {
  protected readonly decider = ipAssetDecider;

  protected streamId(command: Cmd): string {
    return ipAssetStreamId(command.data.ipAssetId);
  }
}
