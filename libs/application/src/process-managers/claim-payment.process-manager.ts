import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ClaimApproved, CompensationPaid, DomainError } from '@pledge-ledger/domain';
import { claimDecider, claimStreamId, formatMoney } from '@pledge-ledger/domain';
import type { EventStore, RecordedEvent } from '@pledge-ledger/event-store';
import { loadAggregate } from '../aggregate-stream';
import { MarkClaimPaidCommand } from '../commands/claims/mark-claim-paid/mark-claim-paid.command';
import { RecordClaimPaymentRefusedCommand } from '../commands/claims/record-claim-payment-refused/record-claim-payment-refused.command';
import type { RequestContext } from '../commands/request-context';
import { PayCompensationCommand } from '../commands/risk-funds/pay-compensation/pay-compensation.command';
import { EVENT_STORE } from '../tokens';
import type { ProcessManager } from './process-manager';
import { causedBy, refusalOf } from './process-manager-context';

/**
 * Pays a fully approved claim out of the fund, in two steps each driven by its own event, so a
 * crash between them is repaired by the re-run:
 * - ClaimApproved that completes the approvals: the fund pays (PayCompensation, idempotent per
 *   claim: the fund never pays a claim twice). When the fund refuses (its available balance, the
 *   bank's annual cap, or any other rule), the refusal is recorded on the claim: its approvals
 *   lapse and fund managers approve again on fresh figures.
 * - CompensationPaid: the claim is marked paid (a repeat is a no-op).
 * Only the approval of the claim's current round pays: an approval whose round lapsed (the fund
 * refused it before) is skipped when it is delivered again.
 */
@Injectable()
export class ClaimPaymentProcessManager implements ProcessManager {
  readonly name = 'claim-payment';
  readonly handles: ReadonlySet<string> = new Set(['ClaimApproved', 'CompensationPaid']);

  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type === 'ClaimApproved')
      return this.pay(event.data as unknown as ClaimApproved['data'], causedBy(event));
    if (event.type === 'CompensationPaid') {
      const paid = event.data as unknown as CompensationPaid['data'];
      await this.commandBus.execute(
        new MarkClaimPaidCommand(
          { claimId: paid.claimId, amount: paid.amount, paidOn: paid.valueDate },
          causedBy(event),
        ),
      );
    }
  }

  private async pay(approval: ClaimApproved['data'], context: RequestContext): Promise<void> {
    if (!approval.fullyApproved) return;
    const { state: claim } = await loadAggregate(this.store, claimDecider, claimStreamId(approval.claimId));
    if (claim.status !== 'approved') return;
    const payout = formatMoney(claim.round.payout);
    if (payout !== approval.calculation.payout || !claim.round.approvers.includes(approval.approvedBy)) return;

    const refusal = await refusalOf(() =>
      this.commandBus.execute(
        new PayCompensationCommand(
          {
            fundId: claim.fundId,
            claimId: claim.claimId,
            loanId: claim.loanId,
            bankId: claim.bankId,
            amount: payout,
            valueDate: approval.approvedOn,
          },
          context,
        ),
      ),
    );
    if (refusal) await this.recordRefusal(approval, refusal, context);
  }

  private async recordRefusal(
    approval: ClaimApproved['data'],
    refusal: DomainError,
    context: RequestContext,
  ): Promise<void> {
    await this.commandBus.execute(
      new RecordClaimPaymentRefusedCommand(
        { claimId: approval.claimId, code: refusal.code, reason: refusal.message, refusedOn: approval.approvedOn },
        context,
      ),
    );
  }
}
