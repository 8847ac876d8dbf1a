import type { BusinessDate } from '../shared/business-date';
import { assertNever } from '../shared/decider';
import type { Fen } from '../shared/money';
import { parseMoney } from '../shared/money';
import type { IpAssetKind } from './ip-asset.commands';
import type { IpAssetEvent } from './ip-asset.events';

export interface LivePledge {
  readonly loanId: string;
  readonly pledgeeBankId: string;
  readonly pledgorEnterpriseId: string;
  readonly registrationNumber: string;
  readonly pledgeDate: BusinessDate;
  readonly loanMaturityDate: BusinessDate;
}

export interface IpAssetFacts {
  readonly ipAssetId: string;
  readonly kind: IpAssetKind;
  readonly number: string;
  readonly title: string;
  readonly ownerEnterpriseIds: readonly string[];
  readonly grantDate: BusinessDate;
  /** Last day the right is in force. */
  readonly expiryDate: BusinessDate;
  /** Set while the annual fee is lapsed (cleared by AnnualFeePaid). */
  readonly annualFeeLapseDate: BusinessDate | null;
  readonly pendingInvalidations: readonly { readonly caseNumber: string; readonly filingDate: BusinessDate }[];
  /** Some claims were invalidated; the rest stands and can still be pledged (a new valuation is advisable). */
  readonly partiallyInvalidated: boolean;
  /** The valuation with the latest valuation date. */
  readonly latestValuation: {
    readonly appraiser: string;
    readonly value: Fen;
    readonly valuationDate: BusinessDate;
  } | null;
  /** At most one live pledge (the rule lives in pledgeRefusalReasons). */
  readonly pledge: LivePledge | null;
  /** Pledges that ended by release, so a repeated release is recognised and a released loan cannot re-pledge. */
  readonly releasedPledges: readonly { readonly loanId: string; readonly pledgeeBankId: string }[];
}

/**
 * - in-force: registered and not void (it may still be expired by date or lapsed: those depend on the date).
 * - invalidated: fully invalidated, void; its live pledge (if any) can still be released or enforced.
 * - disposed: sold in recovery by the pledgee bank. The buyer is not recorded (it may be a person, and it is
 *   not a party to this ledger); if the buyer pledges it again, the admin registers it as a new asset.
 */
export type IpAssetState =
  | { readonly status: 'unregistered' }
  | (IpAssetFacts & { readonly status: 'in-force' })
  | (IpAssetFacts & { readonly status: 'invalidated'; readonly invalidationDate: BusinessDate })
  | (IpAssetFacts & {
      readonly status: 'disposed';
      readonly disposal: {
        readonly loanId: string;
        /** The bank that sold it (absent in states stored before it was kept). */
        readonly pledgeeBankId?: string;
        readonly enforcementDate: BusinessDate;
        readonly saleProceeds: Fen;
      };
    });

export type RegisteredIpAsset = Exclude<IpAssetState, { status: 'unregistered' }>;

export const initialIpAssetState: IpAssetState = { status: 'unregistered' };

export function evolveIpAsset(state: IpAssetState, event: IpAssetEvent): IpAssetState {
  if (event.type === 'IpAssetRegistered') {
    return {
      status: 'in-force',
      ...event.data,
      annualFeeLapseDate: null,
      pendingInvalidations: [],
      partiallyInvalidated: false,
      latestValuation: null,
      pledge: null,
      releasedPledges: [],
    };
  }
  if (state.status === 'unregistered') return state;
  switch (event.type) {
    case 'AnnualFeeLapsed':
      return { ...state, annualFeeLapseDate: event.data.lapseDate };
    case 'AnnualFeePaid':
      return { ...state, annualFeeLapseDate: null };
    case 'InvalidationFiled':
      return {
        ...state,
        pendingInvalidations: [
          ...state.pendingInvalidations,
          { caseNumber: event.data.caseNumber, filingDate: event.data.filingDate },
        ],
      };
    case 'InvalidationResolved': {
      const { caseNumber, outcome, resolutionDate } = event.data;
      const next = {
        ...state,
        pendingInvalidations: state.pendingInvalidations.filter((c) => c.caseNumber !== caseNumber),
      };
      if (outcome === 'invalidated' && state.status === 'in-force') {
        return { ...next, status: 'invalidated', invalidationDate: resolutionDate };
      }
      return outcome === 'partially-invalidated' ? { ...next, partiallyInvalidated: true } : next;
    }
    case 'ValuationRecorded': {
      const { appraiser, value, valuationDate } = event.data;
      const latest = state.latestValuation;
      if (latest && latest.valuationDate > valuationDate) return state;
      return { ...state, latestValuation: { appraiser, value: parseMoney(value), valuationDate } };
    }
    case 'PledgeRegistered': {
      const { loanId, pledgeeBankId, pledgorEnterpriseId, registrationNumber, pledgeDate, loanMaturityDate } =
        event.data;
      return {
        ...state,
        pledge: { loanId, pledgeeBankId, pledgorEnterpriseId, registrationNumber, pledgeDate, loanMaturityDate },
      };
    }
    case 'PledgeReleased':
      return {
        ...state,
        pledge: null,
        releasedPledges: [
          ...state.releasedPledges,
          { loanId: event.data.loanId, pledgeeBankId: event.data.pledgeeBankId },
        ],
      };
    case 'PledgeEnforced': {
      const { loanId, pledgeeBankId, enforcementDate, saleProceeds } = event.data;
      return {
        ...state,
        status: 'disposed',
        pledge: null,
        disposal: { loanId, pledgeeBankId, enforcementDate, saleProceeds: parseMoney(saleProceeds) },
      };
    }
    default:
      return assertNever(event);
  }
}
