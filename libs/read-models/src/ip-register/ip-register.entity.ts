import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '../columns/bigint-column';

/**
 * One row per IP asset: the columns the register is filtered on, and the asset's domain state
 * as JSON (loans/state-json.ts), folded with the domain's evolveIpAsset so that the register
 * says exactly what the decider decides pledges on.
 *
 * Money: BIGINT fen, `bigint` in JavaScript through `bigintColumn`.
 */
@Entity({ name: 'ip_register' })
export class IpRegisterRow {
  @PrimaryColumn({ name: 'ip_asset_id', type: 'varchar' })
  ipAssetId!: string;

  @Column({ name: 'kind', type: 'varchar' })
  kind!: string;

  @Column({ name: 'number', type: 'varchar' })
  number!: string;

  /** The aggregate's status: in-force, invalidated or disposed. */
  @Column({ name: 'legal_status', type: 'varchar' })
  legalStatus!: string;

  /** free, pledged, released or enforced (ip-register.projection.ts, pledgeStatusOf). */
  @Column({ name: 'pledge_status', type: 'varchar' })
  pledgeStatus!: string;

  @Column({ name: 'pledge_loan_id', type: 'varchar', nullable: true })
  pledgeLoanId!: string | null;

  @Column({ name: 'pledgee_bank_id', type: 'varchar', nullable: true })
  pledgeeBankId!: string | null;

  /** The latest valuation, in fen. */
  @Column({ name: 'valuation_value', type: 'bigint', nullable: true, transformer: bigintColumn })
  valuationValue!: bigint | null;

  /** The domain's IpAssetState (state-json.ts). */
  @Column({ name: 'state', type: 'text' })
  state!: string;

  /** JSON of the last InvalidationResolved: { caseNumber, outcome, resolutionDate }; null if none. */
  @Column({ name: 'last_invalidation', type: 'text', nullable: true })
  lastInvalidation!: string | null;
}

/** One row per owner of an asset: the register's `owner` filter. Owners are fixed at registration. */
@Entity({ name: 'ip_register_owners' })
export class IpRegisterOwnerRow {
  @PrimaryColumn({ name: 'ip_asset_id', type: 'varchar' })
  ipAssetId!: string;

  @PrimaryColumn({ name: 'enterprise_id', type: 'varchar' })
  enterpriseId!: string;
}
