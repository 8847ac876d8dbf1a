/**
 * The lifecycle's steps, each through the CommandBus as the person who takes it (test support).
 * Figures: a 2,000,000.00 loan at 12 % a year for 12 months, bullet (20,000.00 interest a month,
 * due on the 15th from 2026-02-15), originated 2026-01-10 and disbursed 2026-01-15.
 */
import { randomUUID } from 'node:crypto';
import type { FundPolicyData } from '@pledge-ledger/domain';
import { RegisterBankCommand } from '../../commands/banks/register-bank/register-bank.command';
import { RegisterEnterpriseCommand } from '../../commands/enterprises/register-enterprise/register-enterprise.command';
import { RecordValuationCommand } from '../../commands/ip-assets/record-valuation/record-valuation.command';
import { RegisterIpAssetCommand } from '../../commands/ip-assets/register-ip-asset/register-ip-asset.command';
import { FileClaimCommand } from '../../commands/claims/file-claim/file-claim.command';
import { AssessDelinquencyCommand } from '../../commands/loans/assess-delinquency/assess-delinquency.command';
import { DeclareDefaultCommand } from '../../commands/loans/declare-default/declare-default.command';
import { ReceiveRepaymentCommand } from '../../commands/loans/receive-repayment/receive-repayment.command';
import { EnrolLoanCommand } from '../../commands/risk-funds/enrol-loan/enrol-loan.command';
import { DisburseLoanCommand } from '../../commands/loans/disburse-loan/disburse-loan.command';
import { OriginateLoanCommand } from '../../commands/loans/originate-loan/originate-loan.command';
import { AdmitBankCommand } from '../../commands/risk-funds/admit-bank/admit-bank.command';
import { ContributeCapitalCommand } from '../../commands/risk-funds/contribute-capital/contribute-capital.command';
import { EstablishFundCommand } from '../../commands/risk-funds/establish-fund/establish-fund.command';
import { PublishFundPolicyCommand } from '../../commands/risk-funds/publish-fund-policy/publish-fund-policy.command';
import type { LedgerApp } from './process-manager-ledger';
import { admin, as, bankOfficer, fm1 } from './process-manager-ledger';

export function uid(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Valid numbers: credit codes with their GB 32100-2015 check character, patent numbers with their check digit. */
export const ENTERPRISE_CREDIT_CODE = '91350100M000100Y43';
export const BANK_CREDIT_CODE = '91440300708461136T';
export const PATENT_NUMBERS = ['202110345678.3', '202210567890.9'] as const;

export const ORIGINATED_ON = '2026-01-10';
export const DISBURSED_ON = '2026-01-15';

export interface Parties {
  readonly enterpriseId: string;
  readonly assetIds: readonly [string, string];
  readonly bankId: string;
}

/** An enterprise owning two invention patents, each valued, and a bank: all registered by the admin. */
export async function registerParties(app: LedgerApp): Promise<Parties> {
  const enterpriseId = uid('ent');
  const assetIds = [uid('patent'), uid('patent')] as const;
  const bankId = uid('bank');
  await app.run(
    new RegisterEnterpriseCommand(
      {
        enterpriseId,
        name: 'Minjiang Photonics',
        creditCode: ENTERPRISE_CREDIT_CODE,
        region: 'Fujian/Fuzhou',
        size: 'small',
      },
      as(admin),
    ),
  );
  for (const [index, ipAssetId] of assetIds.entries()) {
    await app.run(
      new RegisterIpAssetCommand(
        {
          ipAssetId,
          kind: 'invention-patent',
          number: PATENT_NUMBERS[index],
          title: index === 0 ? 'Tunable laser diode array' : 'Optical fibre splice protector',
          ownerEnterpriseIds: [enterpriseId],
          grantDate: '2023-05-10',
          expiryDate: '2041-03-01',
        },
        as(admin),
      ),
    );
    await app.run(
      new RecordValuationCommand(
        {
          ipAssetId,
          appraiser: 'Fujian Zhongxin Appraisal',
          value: index === 0 ? '1500000.00' : '900000.00',
          valuationDate: '2026-01-05',
        },
        as(admin),
      ),
    );
  }
  await app.run(
    new RegisterBankCommand({ bankId, name: 'Fuzhou Rural Commercial Bank', creditCode: BANK_CREDIT_CODE }, as(admin)),
  );
  return { enterpriseId, assetIds, bankId };
}

/**
 * 40 % up to 5 m; a per-loan cap of 750,000.00 (so the cap, not the ratio, bounds this loan's
 * payout); two fund managers above 500,000.00.
 */
export const POLICY: FundPolicyData = {
  version: 1,
  coverageTiers: [
    { upToPrincipal: '5000000.00', ratioBps: 4000 },
    { upToPrincipal: '15000000.00', ratioBps: 3000 },
    { upToPrincipal: '30000000.00', ratioBps: 2000 },
  ],
  perLoanCap: '750000.00',
  perBankAnnualCap: '5000000.00',
  defaultThresholdDays: 90,
  bankSuspensionBadLoanRatioBps: 5000,
  eligibleEnterpriseSizes: ['micro', 'small'],
  eligibleCertifications: [],
  maxLoanPrincipal: '30000000.00',
  dualApprovalThreshold: '500000.00',
  effectiveFrom: '2026-01-01',
};

/** The fund established, capitalised with 10,000,000.00, its policy published and the bank admitted (FM1). */
export async function setUpFund(app: LedgerApp, bankId: string, capital = '10000000.00'): Promise<string> {
  const fundId = uid('fund');
  await app.run(
    new EstablishFundCommand({ fundId, name: 'Fujian IP pledge risk fund', establishedOn: '2026-01-01' }, as(fm1)),
  );
  await app.run(
    new ContributeCapitalCommand(
      { fundId, contributor: 'Fujian provincial finance department', amount: capital, valueDate: '2026-01-02' },
      as(fm1),
    ),
  );
  await app.run(new PublishFundPolicyCommand({ fundId, ...POLICY }, as(fm1)));
  await app.run(new AdmitBankCommand({ fundId, bankId, admittedOn: '2026-01-03' }, as(fm1)));
  return fundId;
}

export function pledgeOf(assetId: string) {
  return { assetId, registrationNumber: `Y2026-${assetId}`, consentingOwnerIds: [] };
}

/** Bank B1 originates 2,000,000.00 against the given patents. */
export async function originateLoan(app: LedgerApp, parties: Parties, assetIds: readonly string[] = parties.assetIds) {
  const loanId = uid('loan');
  const result = await app.run(
    new OriginateLoanCommand(
      {
        loanId,
        bankId: parties.bankId,
        enterpriseId: parties.enterpriseId,
        principal: '2000000.00',
        annualRateBps: 1200,
        termMonths: 12,
        repaymentMethod: 'bullet',
        originationDate: ORIGINATED_ON,
        pledges: assetIds.map(pledgeOf),
      },
      as(bankOfficer(parties.bankId)),
    ),
  );
  return { loanId, result };
}

export async function disburse(app: LedgerApp, parties: Parties, loanId: string) {
  return app.run(new DisburseLoanCommand({ loanId, valueDate: DISBURSED_ON }, as(bankOfficer(parties.bankId))));
}

/**
 * A loan of the parties taken to a filed claim, with the process managers running (`app.settle`):
 * pledged, disbursed, enrolled, 35,000.00 repaid on 2026-02-15, defaulted on 2026-06-14 with
 * 1,985,000.00 outstanding, claim filed on 2026-06-20. `beforeFiling` runs just before the claim.
 */
export async function loanWithFiledClaim(
  app: LedgerApp,
  parties: Parties,
  fundId: string,
  beforeFiling: (loanId: string) => Promise<unknown> = async () => undefined,
): Promise<string> {
  const bank = () => as(bankOfficer(parties.bankId));
  const { loanId } = await originateLoan(app, parties);
  await app.settle();
  await disburse(app, parties, loanId);
  await app.run(new EnrolLoanCommand({ fundId, loanId, enrolledOn: '2026-01-20' }, as(fm1)));
  await app.settle();
  await app.run(new ReceiveRepaymentCommand({ loanId, amount: '35000.00', valueDate: '2026-02-15' }, bank()));
  await app.run(new AssessDelinquencyCommand({ loanId, asOf: '2026-06-14' }, bank()));
  await app.run(new DeclareDefaultCommand({ loanId, asOf: '2026-06-14' }, bank()));
  await beforeFiling(loanId);
  await app.run(new FileClaimCommand({ loanId, filedOn: '2026-06-20' }, bank()));
  await app.settle();
  return loanId;
}
