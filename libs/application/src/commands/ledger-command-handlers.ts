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

/** One handler per domain command of every aggregate; LedgerCommandsModule provides them all. */
export const LEDGER_COMMAND_HANDLERS = [
  RegisterEnterpriseHandler,
  GrantCertificationHandler,
  RevokeCertificationHandler,
  EraseEnterpriseContactHandler,
  RegisterBankHandler,
  RegisterIpAssetHandler,
  RecordAnnualFeeLapseHandler,
  RecordAnnualFeePaymentHandler,
  FileInvalidationHandler,
  ResolveInvalidationHandler,
  RecordValuationHandler,
  RegisterPledgeHandler,
  ReleasePledgeHandler,
  EnforcePledgeHandler,
  OriginateLoanHandler,
  SecurePledgesHandler,
  RefusePledgesHandler,
  DisburseLoanHandler,
  ReceiveRepaymentHandler,
  AssessDelinquencyHandler,
  DeclareDefaultHandler,
  RecordRecoveryHandler,
  WriteOffLoanHandler,
  RecordFundCoverageHandler,
  EstablishFundHandler,
  ContributeCapitalHandler,
  PublishFundPolicyHandler,
  AdmitBankHandler,
  SuspendBankHandler,
  ReinstateBankHandler,
  AssessBankHandler,
  EnrolLoanHandler,
  ReleaseLoanCoverHandler,
  PayCompensationHandler,
  ReceiveRecoveryShareHandler,
  FileClaimHandler,
  ApproveClaimHandler,
  RejectClaimHandler,
  MarkClaimPaidHandler,
  RecordClaimPaymentRefusedHandler,
  ShareRecoveryHandler,
] as const;
