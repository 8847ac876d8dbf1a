import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  loadAggregate,
  MarkClaimPaidCommand,
  PayCompensationCommand,
  SYSTEM_ACTOR,
  type CommandResult,
  type RequestContext,
} from '@pledge-ledger/application';
import {
  ClaimNotApprovedError,
  ClaimNotFoundError,
  claimDecider,
  claimStreamId,
  formatMoney,
  riskFundStreamId,
  type CompensationPaid,
} from '@pledge-ledger/domain';
import { ConcurrencyError, type EventStore } from '@pledge-ledger/event-store';

/**
 * POST /v1/claims/{id}/payouts: makes sure a fully approved claim is paid, now. The claim-payment
 * process manager does the same on ClaimApproved; this is the fund manager's explicit request
 * (the manager is not running, or someone wants the payment confirmed before answering). It issues
 * the SAME idempotent commands as the manager, as the system actor (PayCompensation and
 * MarkClaimPaid are the system's to issue) under the request's correlation id:
 * - PayCompensation: the fund pays the claim once, whoever asks first (a repeat yields nothing);
 * - MarkClaimPaid with the fund's own CompensationPaid figures (a repeat yields nothing).
 * A paid claim answers 200 with no new event; a claim not fully approved is 409
 * CLAIM.NOT_APPROVED; a fund refusal (balance, annual cap) is its own 409. If-Match is checked
 * against the claim's revision, the one its ETag carries.
 */
@Injectable()
export class PayClaim {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(claimId: string, valueDate: string, context: RequestContext): Promise<CommandResult> {
    const streamId = claimStreamId(claimId);
    const { state: claim, revision } = await loadAggregate(this.store, claimDecider, streamId);
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new ConcurrencyError(streamId, context.expectedRevision, revision ?? 'no-stream');
    }
    if (claim.status === 'none') throw new ClaimNotFoundError(`No claim "${claimId}"`, { claimId });
    if (claim.status === 'paid') return { streamId, revision, position: null, events: [] };
    if (claim.status !== 'approved') {
      throw new ClaimNotApprovedError(`Claim "${claimId}" is not fully approved (${claim.status})`, {
        claimId,
        status: claim.status,
      });
    }
    const system: RequestContext = { actor: SYSTEM_ACTOR, correlationId: context.correlationId, causationId: null };
    const payout = { fundId: claim.fundId, claimId, loanId: claim.loanId, bankId: claim.bankId };
    await this.commands.execute(
      new PayCompensationCommand({ ...payout, amount: formatMoney(claim.round.payout), valueDate }, system),
    );
    const paid = await this.compensationPaid(claim.fundId, claimId);
    return this.commands.execute(
      new MarkClaimPaidCommand({ claimId, amount: paid.amount, paidOn: paid.valueDate }, system),
    );
  }

  /** The fund's payment of the claim: this request's, or the process manager's if it came first. */
  private async compensationPaid(fundId: string, claimId: string): Promise<CompensationPaid['data']> {
    const events = await this.store.readStream(riskFundStreamId(fundId));
    const paid = events.find(
      (event) => event.type === 'CompensationPaid' && (event.data as { claimId?: string }).claimId === claimId,
    );
    if (!paid)
      throw new Error(`Fund "${fundId}" paid claim "${claimId}" but its CompensationPaid is not in the stream`);
    return paid.data as unknown as CompensationPaid['data'];
  }
}
