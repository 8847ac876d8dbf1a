import { CommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata, RegisterIpAsset } from '@pledge-ledger/domain';
import { requireRegisteredEnterprises } from '../../facts/enterprise-facts';
import { IpAssetCommandHandler } from '../ip-asset-command-handler';
import { RegisterIpAssetCommand } from './register-ip-asset.command';

@CommandHandler(RegisterIpAssetCommand)
export class RegisterIpAssetHandler extends IpAssetCommandHandler<RegisterIpAssetCommand> {
  protected async toDomain(command: RegisterIpAssetCommand, metadata: CommandMetadata): Promise<RegisterIpAsset> {
    const owners = command.data.ownerEnterpriseIds;
    await requireRegisteredEnterprises(this.store, Array.isArray(owners) ? owners : []);
    return { type: 'RegisterIpAsset', data: command.data, metadata };
  }
}
