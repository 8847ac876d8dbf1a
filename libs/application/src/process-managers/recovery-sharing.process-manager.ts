import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ClaimEvent, ClaimFiled, ClaimPaid, RecoveryRecorded, RecoveryShared } from '@pledge-ledger/domain';
import {
  claimDecider,
  claimIdForLoan,
  claimStreamId,
  foldEvents,
  loanStreamId,
  parseMoney,
} from '@pledge-ledger/domain';
import type { EventStore, RecordedEvent } from '@pledge-ledger/event-store';
import { ShareRecoveryCommand } from '../commands/claims/share-recovery/share-recovery.command';
import type { RequestContext } from '../commands/request-context';
import { ReceiveRecoveryShareCommand } from '../commands/risk-funds/receive-recovery-share/receive-recovery-share.command';
import { EVENT_STORE } from '../tokens';
import type { ProcessManager } from './process-manager';
import { causedBy } from './process-manager-context';

/**
 * Shares a defaulted loan's recoveries with the fund that paid its claim.
 * - RecoveryRecorded on a loan whose claim is paid: the claim takes the fund's share of the net
 *   recovery (ShareRecovery, idempotent per recovery: the recovery's id is its event's id).
 * - ClaimPaid: recoveries recorded after the claim was filed but before it was paid are shared
 *   now (those recorded before filing already reduced the principal loss the claim was paid on).
 * - RecoveryShared: the fund receives the share (idempotent per claim and recovery; a share of
 *   zero, once the fund got back all it paid, records nothing).
 */
@Injectable()
export class RecoverySharingProcessManager implements ProcessManager {
  readonly name = 'recovery-sharing';
  readonly handles: ReadonlySet<string> = new Set(['RecoveryRecorded', 'ClaimPaid', 'RecoveryShared']);

  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case 'RecoveryRecorded': {
        const { loanId } = event.data as unknown as RecoveryRecorded['data'];
        return this.share(loanId, (recovery) => recovery.metadata.eventId === event.metadata.eventId, causedBy(event));
      }
      case 'ClaimPaid': {
        const { loanId } = event.data as unknown as ClaimPaid['data'];
        return this.share(loanId, () => true, causedBy(event));
      }
      case 'RecoveryShared': {
        const shared = event.data as unknown as RecoveryShared['data'];
        await this.commandBus.execute(
          new ReceiveRecoveryShareCommand(
            {
              fundId: shared.fundId,
              claimId: shared.claimId,
              recoveryId: shared.recoveryId,
              amount: shared.fundShare,
              valueDate: shared.sharedOn,
            },
            causedBy(event),
          ),
        );
      }
    }
  }

  /** Shares the loan's recoveries made since its claim was filed that `which` picks, when the claim is paid. */
  private async share(
    loanId: string,
    which: (recovery: RecordedEvent) => boolean,
    context: RequestContext,
  ): Promise<void> {
    const claimId = claimIdForLoan(loanId);
    const claimEvents = await this.store.readStream(claimStreamId(claimId));
    const claim = foldEvents(claimDecider, claimEvents as unknown as ClaimEvent[]);
    if (claim.status !== 'paid') return;
    const filed = claimEvents.filter((e) => e.type === 'ClaimFiled').at(-1);
    if (!filed) return;

    for (const recovery of await this.recoveriesSinceFiling(loanId, filed.data as unknown as ClaimFiled['data'])) {
      const data = recovery.data as unknown as RecoveryRecorded['data'];
      if (!which(recovery) || parseMoney(data.netAmount) === 0n) continue;
      await this.commandBus.execute(
        new ShareRecoveryCommand(
          { claimId, recoveryId: recovery.metadata.eventId, recoveryAmount: data.netAmount, sharedOn: data.valueDate },
          context,
        ),
      );
    }
  }

  /**
   * The loan's recoveries after the ones the claim's loss was computed net of. Those come first in
   * the loan's stream and their net amounts add up to the claim's `recoveriesSoFar`; counting them
   * off (rather than comparing positions) stays right even if a recovery landed while filing.
   */
  private async recoveriesSinceFiling(loanId: string, filed: ClaimFiled['data']): Promise<RecordedEvent[]> {
    const recoveries = (await this.store.readStream(loanStreamId(loanId))).filter((e) => e.type === 'RecoveryRecorded');
    let before = parseMoney(filed.recoveriesSoFar);
    let index = 0;
    while (index < recoveries.length && before > 0n) {
      before -= parseMoney((recoveries[index].data as unknown as RecoveryRecorded['data']).netAmount);
      index++;
    }
    return recoveries.slice(index);
  }
}
