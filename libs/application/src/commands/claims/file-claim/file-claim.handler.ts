import { CommandHandler } from '@nestjs/cqrs';
import type { ClaimCommand, ClaimEvent, ClaimState, CommandMetadata, FileClaim } from '@pledge-ledger/domain';
import { claimDecider, claimIdForLoan, claimStreamId } from '@pledge-ledger/domain';
import { AggregateCommandHandler } from '../../aggregate-command-handler';
import { loanCoverInFund } from '../../facts/fund-facts';
import { loanForClaim } from '../../facts/loan-facts';
import { FileClaimCommand } from './file-claim.command';

@CommandHandler(FileClaimCommand)
export class FileClaimHandler extends AggregateCommandHandler<FileClaimCommand, ClaimCommand, ClaimEvent, ClaimState> {
  protected readonly decider = claimDecider;

  protected streamId(command: FileClaimCommand): string {
    return claimStreamId(claimIdForLoan(command.data.loanId));
  }

  protected async toDomain(command: FileClaimCommand, metadata: CommandMetadata): Promise<FileClaim> {
    const { loanId, filedOn } = command.data;
    const { fundId, ...loan } = await loanForClaim(this.store, loanId);
    const cover = await loanCoverInFund(this.store, fundId, loanId);
    return { type: 'FileClaim', data: { loanId, filedOn, ...loan, cover }, metadata };
  }
}
