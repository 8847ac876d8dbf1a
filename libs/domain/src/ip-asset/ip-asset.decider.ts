import type { Decider } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { enforcePledge } from './decide/enforce-pledge';
import { fileInvalidation } from './decide/file-invalidation';
import { recordAnnualFeeLapse } from './decide/record-annual-fee-lapse';
import { recordAnnualFeePayment } from './decide/record-annual-fee-payment';
import { recordValuation } from './decide/record-valuation';
import { registerIpAsset } from './decide/register-ip-asset';
import { registerPledge } from './decide/register-pledge';
import { releasePledge } from './decide/release-pledge';
import { resolveInvalidation } from './decide/resolve-invalidation';
import type { IpAssetCommand } from './ip-asset.commands';
import type { IpAssetEvent } from './ip-asset.events';
import type { IpAssetState } from './ip-asset.state';
import { evolveIpAsset, initialIpAssetState } from './ip-asset.state';

export const ipAssetStreamId = (ipAssetId: string): string => `ip-asset-${ipAssetId}`;

export function decideIpAsset(command: IpAssetCommand, state: IpAssetState): IpAssetEvent[] {
  switch (command.type) {
    case 'RegisterIpAsset':
      return registerIpAsset(command, state);
    case 'RecordAnnualFeeLapse':
      return recordAnnualFeeLapse(command, state);
    case 'RecordAnnualFeePayment':
      return recordAnnualFeePayment(command, state);
    case 'FileInvalidation':
      return fileInvalidation(command, state);
    case 'ResolveInvalidation':
      return resolveInvalidation(command, state);
    case 'RecordValuation':
      return recordValuation(command, state);
    case 'RegisterPledge':
      return registerPledge(command, state);
    case 'ReleasePledge':
      return releasePledge(command, state);
    case 'EnforcePledge':
      return enforcePledge(command, state);
    default:
      return assertNever(command);
  }
}

export const ipAssetDecider: Decider<IpAssetCommand, IpAssetEvent, IpAssetState> = {
  initialState: initialIpAssetState,
  evolve: evolveIpAsset,
  decide: decideIpAsset,
};
