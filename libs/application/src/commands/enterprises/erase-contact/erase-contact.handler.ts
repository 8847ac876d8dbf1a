import { Inject, Optional } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata, EraseEnterpriseContact } from '@pledge-ledger/domain';
import { loadAggregate } from '../../../aggregate-stream';
import { CONTACT_VAULT, type ContactVault } from '../../../personal-data/contact-vault';
import { EnterpriseCommandHandler } from '../enterprise-command-handler';
import { EraseEnterpriseContactCommand } from './erase-contact.command';
import { requireVault } from './require-vault';

/**
 * Destroys the key first, then records EnterpriseContactErased. In that order a crash in between
 * leaves the contact erased and the event to be recorded by a retry (the key's destruction is
 * idempotent); the other order could record an erasure that did not happen. The decision is
 * taken once before destroying anything, so that a refused caller (not admin, unknown
 * enterprise) destroys nothing.
 */
@CommandHandler(EraseEnterpriseContactCommand)
export class EraseEnterpriseContactHandler extends EnterpriseCommandHandler<EraseEnterpriseContactCommand> {
  /** A property, not a constructor parameter: the base class's constructor stays the one every handler shares. */
  @Optional()
  @Inject(CONTACT_VAULT)
  private readonly vault?: ContactVault;

  protected async toDomain(
    command: EraseEnterpriseContactCommand,
    metadata: CommandMetadata,
  ): Promise<EraseEnterpriseContact> {
    const erase: EraseEnterpriseContact = { type: 'EraseEnterpriseContact', data: command.data, metadata };
    const vault = requireVault(this.vault);
    const { state } = await loadAggregate(this.store, this.decider, this.streamId(command));
    this.decider.decide(erase, state);
    await vault.erase(command.data.enterpriseId, metadata.now);
    return erase;
  }
}
