import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { LoanEnrolled, LoanRepaid } from '@pledge-ledger/domain';
import type { EventStore, RecordedEvent } from '@pledge-ledger/event-store';
import { loadLoan } from '../commands/facts/loan-facts';
import { ReleaseLoanCoverCommand } from '../commands/risk-funds/release-loan-cover/release-loan-cover.command';
import { EVENT_STORE } from '../tokens';
import { RecordFundCoverageCommand } from '../commands/loans/record-fund-coverage/record-fund-coverage.command';
import type { ProcessManager } from './process-manager';
import { causedBy } from './process-manager-context';

/**
 * The loan's cover in the fund, both ways:
 * - LoanEnrolled: the loan records its cover, so it defaults under the policy's threshold
 *   (idempotent: the loan records the same fund's cover once);
 * - LoanRepaid: a covered loan needs no cover any more and the fund releases it (idempotent).
 */
@Injectable()
export class FundCoverageProcessManager implements ProcessManager {
  readonly name = 'fund-coverage';
  readonly handles: ReadonlySet<string> = new Set(['LoanEnrolled', 'LoanRepaid']);

  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type === 'LoanRepaid') return this.releaseCover(event);
    const enrolment = event.data as unknown as LoanEnrolled['data'];
    await this.commandBus.execute(
      new RecordFundCoverageCommand(
        {
          loanId: enrolment.loanId,
          fundId: enrolment.fundId,
          coverageRatioBps: enrolment.coverageRatioBps,
          coveredPrincipal: enrolment.coveredPrincipal,
          policyVersion: enrolment.policyVersion,
          defaultThresholdDays: enrolment.defaultThresholdDays,
        },
        causedBy(event),
      ),
    );
  }

  private async releaseCover(event: RecordedEvent): Promise<void> {
    const { loanId, valueDate } = event.data as unknown as LoanRepaid['data'];
    const loan = await loadLoan(this.store, loanId);
    if (loan.status === 'none' || loan.coverage === null) return;
    await this.commandBus.execute(
      new ReleaseLoanCoverCommand(
        { fundId: loan.coverage.fundId, loanId, reason: 'loan-repaid', releasedOn: valueDate },
        causedBy(event),
      ),
    );
  }
}
