import { assertBasisPoints } from '../../shared/basis-points';
import { requireRole } from '../../shared/authorization';
import { addMonths } from '../../shared/business-date';
import { formatMoney } from '../../shared/money';
import type { RepaymentMethod } from '../arithmetic';
import { buildSchedule, MAX_ANNUAL_RATE_BPS, MAX_TERM_MONTHS } from '../arithmetic';
import type { OriginateLoan } from '../loan.commands';
import {
  InvalidLoanInputError,
  LoanAlreadyExistsError,
  LoanEnterpriseNotFoundError,
  LoanForeignBankError,
} from '../loan.errors';
import type { LoanOriginated, PledgeDetailsData } from '../loan.events';
import type { LoanState } from '../loan.state';
import {
  parseAmount,
  parseDate,
  requireDistinctList,
  requireId,
  requireOneOf,
  requireText,
  requireWholeNumber,
} from '../loan.validation';

const REPAYMENT_METHODS: readonly RepaymentMethod[] = ['equal-instalments', 'bullet'];

/** Distinct ids, possibly none (a sole owner needs no one's consent). */
function requireIdList(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new InvalidLoanInputError(`${field} must be a list of ids`, { field });
  const ids = value.map((id: unknown) => requireId(id, `${field}[]`));
  if (new Set(ids).size !== ids.length) throw new InvalidLoanInputError(`${field} must not repeat an id`, { field });
  return ids;
}

/**
 * A bank originates a loan in its own name against one or more assets, with each pledge's
 * registration number and co-owner consents. Whether the assets can be pledged is decided on each
 * IpAsset by the pledging process manager, which then secures or refuses the pledges here.
 */
export function originateLoan(command: OriginateLoan, state: LoanState): [LoanOriginated] {
  const { actor } = command.metadata;
  requireRole(actor, 'bank');
  const { data } = command;
  const loanId = requireId(data.loanId, 'loanId');
  const bankId = requireId(data.bankId, 'bankId');
  const enterpriseId = requireId(data.enterpriseId, 'enterpriseId');
  const principal = parseAmount(data.principal, 'principal');
  const annualRateBps = assertBasisPoints(data.annualRateBps, MAX_ANNUAL_RATE_BPS, 'annualRateBps');
  const termMonths = requireWholeNumber(data.termMonths, 'termMonths', 1, MAX_TERM_MONTHS);
  const repaymentMethod = requireOneOf(data.repaymentMethod, 'repaymentMethod', REPAYMENT_METHODS);
  const originationDate = parseDate(data.originationDate, 'originationDate');
  const pledges = requireDistinctList<PledgeDetailsData>(data.pledges, 'pledges', (pledge) =>
    requireId(pledge?.assetId, 'pledges[].assetId'),
  ).map((pledge): PledgeDetailsData => ({
    assetId: pledge.assetId,
    registrationNumber: requireText(pledge.registrationNumber, 'pledges[].registrationNumber', 100),
    consentingOwnerIds: requireIdList(pledge.consentingOwnerIds, 'pledges[].consentingOwnerIds'),
  }));

  if (actor.bankId !== bankId) {
    throw new LoanForeignBankError(`Bank ${actor.bankId ?? '(none)'} may not originate a loan for bank ${bankId}`, {
      bankId,
    });
  }
  if (state.status !== 'none') throw new LoanAlreadyExistsError(`Loan ${loanId} already exists`, { loanId });
  if (data.enterpriseRegistered !== true) {
    throw new LoanEnterpriseNotFoundError(`Enterprise ${enterpriseId} is not registered`, { enterpriseId });
  }
  // The terms must make a schedule; building one now refuses bad terms at origination, not at disbursement.
  buildSchedule({ principal, annualRateBps, termMonths, method: repaymentMethod, startDate: originationDate });

  return [
    {
      type: 'LoanOriginated',
      data: {
        loanId,
        bankId,
        enterpriseId,
        principal: formatMoney(principal),
        annualRateBps,
        termMonths,
        repaymentMethod,
        originationDate,
        maturityDate: addMonths(originationDate, termMonths),
        pledgedAssetIds: pledges.map((pledge) => pledge.assetId),
        pledges,
      },
    },
  ];
}
