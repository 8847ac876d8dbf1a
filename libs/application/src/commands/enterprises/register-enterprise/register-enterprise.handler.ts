import { Inject, Optional } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata, RegisterEnterprise } from '@pledge-ledger/domain';
import { CONTACT_VAULT, type ContactVault } from '../../../personal-data/contact-vault';
import { EnterpriseCommandHandler } from '../enterprise-command-handler';
import { requireVault } from '../erase-contact/require-vault';
import { RegisterEnterpriseCommand } from './register-enterprise.command';

@CommandHandler(RegisterEnterpriseCommand)
export class RegisterEnterpriseHandler extends EnterpriseCommandHandler<RegisterEnterpriseCommand> {
  /** A property, not a constructor parameter: the base class's constructor stays the one every handler shares. */
  @Optional()
  @Inject(CONTACT_VAULT)
  private readonly vault?: ContactVault;

  /** The contact person is sealed here, so that only ciphertext reaches the decider and the event. */
  protected async toDomain(command: RegisterEnterpriseCommand, metadata: CommandMetadata): Promise<RegisterEnterprise> {
    const { contact, ...facts } = command.data;
    const sealed =
      contact === undefined || contact === null
        ? null
        : await requireVault(this.vault).seal(command.data.enterpriseId, contact);
    return { type: 'RegisterEnterprise', data: { ...facts, contact: sealed }, metadata };
  }
}
