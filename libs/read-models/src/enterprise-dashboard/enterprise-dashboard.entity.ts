import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The enterprise dashboard's own tables (a projection never reads another's: each is rebuilt on
 * its own). Loans keep the domain's LoanState as JSON (loans/state-json.ts): the query computes
 * each loan's figures as of the date asked for with loanPositionAsOf, like the loans view.
 */
@Entity({ name: 'enterprise_dashboard_enterprises' })
export class EnterpriseDashboardEnterpriseRow {
  @PrimaryColumn({ name: 'enterprise_id', type: 'varchar' })
  enterpriseId!: string;

  @Column({ name: 'name', type: 'varchar' })
  name!: string;

  @Column({ name: 'region', type: 'varchar' })
  region!: string;

  /** micro, small or medium. */
  @Column({ name: 'size', type: 'varchar' })
  size!: string;

  /** none, held or erased. */
  @Column({ name: 'contact_status', type: 'varchar', default: 'none' })
  contactStatus!: string;

  /**
   * The contact person exactly as sealed in EnterpriseRegistered (JSON of SealedContact), never in
   * clear: the API opens it with the person's key at read time, so destroying the key erases it
   * here too, with no rebuild. Dropped when EnterpriseContactErased arrives.
   */
  @Column({ name: 'contact', type: 'text', nullable: true })
  contact!: string | null;
}

/** One row per loan, under its borrower. */
@Entity({ name: 'enterprise_dashboard_loans' })
export class EnterpriseDashboardLoanRow {
  @PrimaryColumn({ name: 'loan_id', type: 'varchar' })
  loanId!: string;

  @Column({ name: 'enterprise_id', type: 'varchar' })
  enterpriseId!: string;

  @Column({ name: 'bank_id', type: 'varchar' })
  bankId!: string;

  @Column({ name: 'status', type: 'varchar' })
  status!: string;

  /** The domain's LoanState (state-json.ts). */
  @Column({ name: 'state', type: 'text' })
  state!: string;
}

/** One row per (owner, asset), with the asset's live pledge if it has one. Owners are fixed at registration. */
@Entity({ name: 'enterprise_dashboard_assets' })
export class EnterpriseDashboardAssetRow {
  @PrimaryColumn({ name: 'enterprise_id', type: 'varchar' })
  enterpriseId!: string;

  @PrimaryColumn({ name: 'ip_asset_id', type: 'varchar' })
  ipAssetId!: string;

  @Column({ name: 'kind', type: 'varchar' })
  kind!: string;

  @Column({ name: 'number', type: 'varchar' })
  number!: string;

  @Column({ name: 'title', type: 'varchar' })
  title!: string;

  @Column({ name: 'pledge_loan_id', type: 'varchar', nullable: true })
  pledgeLoanId!: string | null;

  @Column({ name: 'pledgee_bank_id', type: 'varchar', nullable: true })
  pledgeeBankId!: string | null;

  @Column({ name: 'pledgor_enterprise_id', type: 'varchar', nullable: true })
  pledgorEnterpriseId!: string | null;

  @Column({ name: 'registration_number', type: 'varchar', nullable: true })
  registrationNumber!: string | null;

  @Column({ name: 'pledge_date', type: 'varchar', nullable: true })
  pledgeDate!: string | null;
}

export const enterpriseDashboardEntities = [
  EnterpriseDashboardEnterpriseRow,
  EnterpriseDashboardLoanRow,
  EnterpriseDashboardAssetRow,
];
