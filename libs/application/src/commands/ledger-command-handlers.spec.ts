import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import type {
  BankCommand,
  ClaimCommand,
  EnterpriseCommand,
  IpAssetCommand,
  LoanCommand,
  RiskFundCommand,
} from '@pledge-ledger/domain';
import { RegisterEnterpriseHandler } from './enterprises/register-enterprise/register-enterprise.handler';
import { GrantCertificationHandler } from './enterprises/grant-certification/grant-certification.handler';
import { RevokeCertificationHandler } from './enterprises/revoke-certification/revoke-certification.handler';
import { EraseEnterpriseContactHandler } from './enterprises/erase-contact/erase-contact.handler';
import { RegisterBankHandler } from './banks/register-bank/register-bank.handler';
import { RegisterIpAssetHandler } from './ip-assets/register-ip-asset/register-ip-asset.handler';
import { RecordAnnualFeeLapseHandler } from './ip-assets/record-annual-fee-lapse/record-annual-fee-lapse.handler';
import { RecordAnnualFeePaymentHandler } from './ip-assets/record-annual-fee-payment/record-annual-fee-payment.handler';
import { FileInvalidationHandler } from './ip-assets/file-invalidation/file-invalidation.handler';
import { ResolveInvalidationHandler } from './ip-assets/resolve-invalidation/resolve-invalidation.handler';
import { RecordValuationHandler } from './ip-assets/record-valuation/record-valuation.handler';
import { RegisterPledgeHandler } from './ip-assets/register-pledge/register-pledge.handler';
import { ReleasePledgeHandler } from './ip-assets/release-pledge/release-pledge.handler';
import { EnforcePledgeHandler } from './ip-assets/enforce-pledge/enforce-pledge.handler';
import { OriginateLoanHandler } from './loans/originate-loan/originate-loan.handler';
import { SecurePledgesHandler } from './loans/secure-pledges/secure-pledges.handler';
import { RefusePledgesHandler } from './loans/refuse-pledges/refuse-pledges.handler';
import { DisburseLoanHandler } from './loans/disburse-loan/disburse-loan.handler';
import { ReceiveRepaymentHandler } from './loans/receive-repayment/receive-repayment.handler';
import { AssessDelinquencyHandler } from './loans/assess-delinquency/assess-delinquency.handler';
import { DeclareDefaultHandler } from './loans/declare-default/declare-default.handler';
import { RecordRecoveryHandler } from './loans/record-recovery/record-recovery.handler';
import { WriteOffLoanHandler } from './loans/write-off-loan/write-off-loan.handler';
import { RecordFundCoverageHandler } from './loans/record-fund-coverage/record-fund-coverage.handler';
import { EstablishFundHandler } from './risk-funds/establish-fund/establish-fund.handler';
import { ContributeCapitalHandler } from './risk-funds/contribute-capital/contribute-capital.handler';
import { PublishFundPolicyHandler } from './risk-funds/publish-fund-policy/publish-fund-policy.handler';
import { AdmitBankHandler } from './risk-funds/admit-bank/admit-bank.handler';
import { SuspendBankHandler } from './risk-funds/suspend-bank/suspend-bank.handler';
import { ReinstateBankHandler } from './risk-funds/reinstate-bank/reinstate-bank.handler';
import { AssessBankHandler } from './risk-funds/assess-bank/assess-bank.handler';
import { EnrolLoanHandler } from './risk-funds/enrol-loan/enrol-loan.handler';
import { ReleaseLoanCoverHandler } from './risk-funds/release-loan-cover/release-loan-cover.handler';
import { PayCompensationHandler } from './risk-funds/pay-compensation/pay-compensation.handler';
import { ReceiveRecoveryShareHandler } from './risk-funds/receive-recovery-share/receive-recovery-share.handler';
import { FileClaimHandler } from './claims/file-claim/file-claim.handler';
import { ApproveClaimHandler } from './claims/approve-claim/approve-claim.handler';
import { RejectClaimHandler } from './claims/reject-claim/reject-claim.handler';
import { MarkClaimPaidHandler } from './claims/mark-claim-paid/mark-claim-paid.handler';
import { RecordClaimPaymentRefusedHandler } from './claims/record-claim-payment-refused/record-claim-payment-refused.handler';
import { ShareRecoveryHandler } from './claims/share-recovery/share-recovery.handler';
import { LEDGER_COMMAND_HANDLERS } from './ledger-command-handlers';

type DomainCommandType = (
  EnterpriseCommand | BankCommand | IpAssetCommand | LoanCommand | RiskFundCommand | ClaimCommand
)['type'];

/** Type-checked: a domain command without a handler here (or a handler for none) fails the build of the specs. */
const HANDLER_OF: Record<DomainCommandType, Type<unknown>> = {
  RegisterEnterprise: RegisterEnterpriseHandler,
  GrantCertification: GrantCertificationHandler,
  RevokeCertification: RevokeCertificationHandler,
  EraseEnterpriseContact: EraseEnterpriseContactHandler,
  RegisterBank: RegisterBankHandler,
  RegisterIpAsset: RegisterIpAssetHandler,
  RecordAnnualFeeLapse: RecordAnnualFeeLapseHandler,
  RecordAnnualFeePayment: RecordAnnualFeePaymentHandler,
  FileInvalidation: FileInvalidationHandler,
  ResolveInvalidation: ResolveInvalidationHandler,
  RecordValuation: RecordValuationHandler,
  RegisterPledge: RegisterPledgeHandler,
  ReleasePledge: ReleasePledgeHandler,
  EnforcePledge: EnforcePledgeHandler,
  OriginateLoan: OriginateLoanHandler,
  SecurePledges: SecurePledgesHandler,
  RefusePledges: RefusePledgesHandler,
  DisburseLoan: DisburseLoanHandler,
  ReceiveRepayment: ReceiveRepaymentHandler,
  AssessDelinquency: AssessDelinquencyHandler,
  DeclareDefault: DeclareDefaultHandler,
  RecordRecovery: RecordRecoveryHandler,
  WriteOffLoan: WriteOffLoanHandler,
  RecordFundCoverage: RecordFundCoverageHandler,
  EstablishFund: EstablishFundHandler,
  ContributeCapital: ContributeCapitalHandler,
  PublishFundPolicy: PublishFundPolicyHandler,
  AdmitBank: AdmitBankHandler,
  SuspendBank: SuspendBankHandler,
  ReinstateBank: ReinstateBankHandler,
  AssessBank: AssessBankHandler,
  EnrolLoan: EnrolLoanHandler,
  ReleaseLoanCover: ReleaseLoanCoverHandler,
  PayCompensation: PayCompensationHandler,
  ReceiveRecoveryShare: ReceiveRecoveryShareHandler,
  FileClaim: FileClaimHandler,
  ApproveClaim: ApproveClaimHandler,
  RejectClaim: RejectClaimHandler,
  MarkClaimPaid: MarkClaimPaidHandler,
  RecordClaimPaymentRefused: RecordClaimPaymentRefusedHandler,
  ShareRecovery: ShareRecoveryHandler,
};

describe('LEDGER_COMMAND_HANDLERS', () => {
  it('holds exactly one handler per domain command of every aggregate', () => {
    expect(new Set(LEDGER_COMMAND_HANDLERS)).toEqual(new Set(Object.values(HANDLER_OF)));
    expect(LEDGER_COMMAND_HANDLERS).toHaveLength(Object.keys(HANDLER_OF).length);
  });

  it('binds each handler to a command class of its own, named after the domain command', () => {
    const commandOf = (handler: Type<unknown>): Type<unknown> =>
      Reflect.getMetadata('__commandHandler__', handler) as Type<unknown>;
    for (const [type, handler] of Object.entries(HANDLER_OF)) {
      expect(commandOf(handler).name).toBe(`${type}Command`);
    }
    expect(new Set(LEDGER_COMMAND_HANDLERS.map(commandOf)).size).toBe(LEDGER_COMMAND_HANDLERS.length);
  });
});
