import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { RecoveryRecorded } from '@pledge-ledger/domain';
import type { RecordedEvent } from '@pledge-ledger/event-store';
import { EnforcePledgeCommand } from '../commands/ip-assets/enforce-pledge/enforce-pledge.command';
import type { ProcessManager } from './process-manager';
import { causedBy } from './process-manager-context';

/**
 * Marks a pledged asset sold in recovery as enforced on the asset itself.
 * - RecoveryRecorded with source 'pledge-enforcement' and an assetId: EnforcePledge on that asset,
 *   for the loan, on the recovery's value date, the sale proceeds being its gross amount.
 *
 * Idempotent: the asset takes the same enforcement (same loan, date and proceeds) again as a no-op,
 * so a re-run from an earlier checkpoint, or a bank that enforced the pledge itself first, adds
 * nothing. A refusal (the asset already sold otherwise, not pledged to this loan) is a DomainError,
 * reported and skipped by the runner.
 */
@Injectable()
export class PledgeEnforcementProcessManager implements ProcessManager {
  readonly name = 'pledge-enforcement';
  readonly handles: ReadonlySet<string> = new Set(['RecoveryRecorded']);

  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type !== 'RecoveryRecorded') return;
    const recovery = event.data as unknown as RecoveryRecorded['data'];
    if (recovery.source !== 'pledge-enforcement' || !recovery.assetId) return;
    await this.commandBus.execute(
      new EnforcePledgeCommand(
        {
          ipAssetId: recovery.assetId,
          loanId: recovery.loanId,
          enforcementDate: recovery.valueDate,
          saleProceeds: recovery.amount,
        },
        causedBy(event),
      ),
    );
  }
}
