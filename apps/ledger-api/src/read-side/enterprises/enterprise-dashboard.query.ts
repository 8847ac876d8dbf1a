import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CONTACT_VAULT, type ContactVault } from '@pledge-ledger/application';
import type { ContactDetails } from '@pledge-ledger/domain';
import {
  enterpriseDashboardProjection,
  getEnterpriseDashboard,
  type EnterpriseDashboard,
  type GetEnterpriseDashboardQuery as GetEnterpriseDashboardParams,
  type StoredContact,
} from '@pledge-ledger/read-models';
import { ReadQuery } from '../read-query';
import { ReadSide } from '../read-side';

/** The dashboard as served: the contact person in clear for who may see it, or that it was erased. */
export type EnterpriseDashboardView = Omit<EnterpriseDashboard, 'contact'> & {
  /** null: none was given. `{ erased: true }`: its key was destroyed, nobody can read it any more. */
  readonly contact: ContactDetails | { readonly erased: true } | null;
};

/** An enterprise's loans, next instalment due and pledged assets: the enterprise itself and admin. */
export class GetEnterpriseDashboardQuery extends ReadQuery<GetEnterpriseDashboardParams, EnterpriseDashboardView> {}

@QueryHandler(GetEnterpriseDashboardQuery)
export class GetEnterpriseDashboardHandler implements IQueryHandler<GetEnterpriseDashboardQuery> {
  constructor(
    private readonly reads: ReadSide,
    @Inject(CONTACT_VAULT) private readonly vault: ContactVault,
  ) {}

  /** No ETag: the dashboard gathers many loans and assets, not the enterprise's own stream. */
  async execute(query: GetEnterpriseDashboardQuery): Promise<EnterpriseDashboardView> {
    const subject = { kind: 'enterprise', id: query.params.enterpriseId };
    const dashboard = await this.reads.single(query, enterpriseDashboardProjection.name, subject, (store) =>
      getEnterpriseDashboard(store, query.caller, query.params),
    );
    return { ...dashboard, contact: await this.openContact(dashboard.enterpriseId, dashboard.contact) };
  }

  /** Opened per read, so an erasure (the key destroyed) shows at once, before the projection catches up. */
  private async openContact(enterpriseId: string, contact: StoredContact): Promise<EnterpriseDashboardView['contact']> {
    switch (contact.status) {
      case 'none':
        return null;
      case 'erased':
        return { erased: true };
      case 'held':
        return (await this.vault.open(enterpriseId, contact.sealed)) ?? { erased: true };
    }
  }
}
