import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type {
  LoanOriginated,
  LoanPledgeRefused,
  LoanRepaid,
  PledgeRefusalData,
  PledgeReleaseReason,
} from '@pledge-ledger/domain';
import { ipAssetDecider, ipAssetStreamId } from '@pledge-ledger/domain';
import type { EventStore, RecordedEvent } from '@pledge-ledger/event-store';
import { loadAggregate } from '../aggregate-stream';
import { loadLoan } from '../commands/facts/loan-facts';
import { RegisterPledgeCommand } from '../commands/ip-assets/register-pledge/register-pledge.command';
import { ReleasePledgeCommand } from '../commands/ip-assets/release-pledge/release-pledge.command';
import { RefusePledgesCommand } from '../commands/loans/refuse-pledges/refuse-pledges.command';
import { SecurePledgesCommand } from '../commands/loans/secure-pledges/secure-pledges.command';
import type { RequestContext } from '../commands/request-context';
import { EVENT_STORE } from '../tokens';
import type { ProcessManager } from './process-manager';
import { causedBy, refusalOf, refusalReasons } from './process-manager-context';

/**
 * Pledges a new loan's assets, each on its own IpAsset, and tells the loan the outcome.
 *
 * - LoanOriginated: register a pledge on every asset (a refusal is a DomainError, collected with
 *   all its reasons); then SecurePledges, or RefusePledges with every refusal.
 * - LoanPledgeRefused: the compensation, driven by the refusal's own event so that a crash after
 *   the loan recorded it still releases: every asset this loan holds a pledge on is released
 *   ('pledge-refused'). Nothing is deleted; the releases are events.
 * - LoanRepaid: every pledge of the loan is released ('loan-repaid').
 *
 * Idempotent: a loan no longer 'originated' was decided already; registering this loan's pledge
 * again and releasing a released one are no-ops on the asset; an asset not pledged to this loan
 * (refused, or sold in recovery) is left alone.
 */
@Injectable()
export class PledgingProcessManager implements ProcessManager {
  readonly name = 'pledging';
  readonly handles: ReadonlySet<string> = new Set(['LoanOriginated', 'LoanPledgeRefused', 'LoanRepaid']);

  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case 'LoanOriginated':
        return this.pledge(event.data as unknown as LoanOriginated['data'], causedBy(event));
      case 'LoanPledgeRefused': {
        const { loanId } = event.data as unknown as LoanPledgeRefused['data'];
        // Released on the day they were registered (the origination date).
        return this.releaseAll(loanId, 'pledge-refused', null, causedBy(event));
      }
      case 'LoanRepaid': {
        const { loanId, valueDate } = event.data as unknown as LoanRepaid['data'];
        return this.releaseAll(loanId, 'loan-repaid', valueDate, causedBy(event));
      }
    }
  }

  private async pledge(loan: LoanOriginated['data'], context: RequestContext): Promise<void> {
    const current = await loadLoan(this.store, loan.loanId);
    if (current.status !== 'originated') return;

    const refusals: PledgeRefusalData[] = [];
    for (const pledge of loan.pledges) {
      const refusal = await refusalOf(() =>
        this.commandBus.execute(
          new RegisterPledgeCommand(
            {
              ipAssetId: pledge.assetId,
              loanId: loan.loanId,
              registrationNumber: pledge.registrationNumber,
              pledgeDate: loan.originationDate,
              consentingOwnerIds: pledge.consentingOwnerIds,
            },
            context,
          ),
        ),
      );
      if (refusal) refusals.push({ assetId: pledge.assetId, reasons: refusalReasons(refusal) });
    }

    if (refusals.length > 0) {
      await this.commandBus.execute(new RefusePledgesCommand({ loanId: loan.loanId, refusals }, context));
      return;
    }
    const pledges = loan.pledges.map((pledge) => ({
      assetId: pledge.assetId,
      registrationNumber: pledge.registrationNumber,
      registeredOn: loan.originationDate,
    }));
    await this.commandBus.execute(new SecurePledgesCommand({ loanId: loan.loanId, pledges }, context));
  }

  /** Releases every pledge the loan holds, on `releaseDate` or else on the pledge date (its origination). */
  private async releaseAll(
    loanId: string,
    reason: PledgeReleaseReason,
    releaseDate: string | null,
    context: RequestContext,
  ): Promise<void> {
    const loan = await loadLoan(this.store, loanId);
    if (loan.status === 'none') return;
    const date = releaseDate ?? loan.terms.originationDate;
    for (const assetId of loan.terms.pledgedAssetIds) {
      const { state: asset } = await loadAggregate(this.store, ipAssetDecider, ipAssetStreamId(assetId));
      if (asset.status === 'unregistered' || asset.pledge?.loanId !== loanId) continue;
      await this.commandBus.execute(
        new ReleasePledgeCommand({ ipAssetId: assetId, loanId, releaseDate: date, reason }, context),
      );
    }
  }
}
