import {
  CertificationNotHeldError,
  EnterpriseAlreadyExistsError,
  EnterpriseNotFoundError,
  enterpriseStreamId,
} from '@pledge-ledger/domain';
import { ConcurrencyError } from '@pledge-ledger/event-store';
import {
  admin,
  context,
  CREDIT_CODE,
  expectMetadata,
  expectRefusal,
  openTestLedger,
  STORE_KINDS,
  uniqueId,
  type TestLedger,
} from '../ledger-commands.harness.test';
import { GrantCertificationCommand } from './grant-certification/grant-certification.command';
import { RegisterEnterpriseCommand } from './register-enterprise/register-enterprise.command';
import { RevokeCertificationCommand } from './revoke-certification/revoke-certification.command';

describe.each(STORE_KINDS)('enterprise commands through the CommandBus on %s', (kind) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(kind);
  });
  afterAll(() => ledger?.close());

  const registration = (enterpriseId: string) => ({
    enterpriseId,
    name: 'Minjiang Photonics',
    creditCode: CREDIT_CODE,
    region: 'Fujian/Fuzhou',
    size: 'small' as const,
  });

  it('registers, certifies and revokes, each event carrying its request metadata and the clock', async () => {
    const enterpriseId = uniqueId('ent');
    const registering = context(admin, { correlationId: 'onboarding-7' });
    const granting = context(admin, { expectedRevision: 0, causationId: 'request-8' });
    const revoking = context(admin, { expectedRevision: 1 });

    const registered = await ledger.run(new RegisterEnterpriseCommand(registration(enterpriseId), registering));
    const granted = await ledger.run(
      new GrantCertificationCommand(
        { enterpriseId, certification: 'high-tech', grantDate: '2025-12-01', expiryDate: '2028-11-30' },
        granting,
      ),
    );
    const revoked = await ledger.run(
      new RevokeCertificationCommand(
        { enterpriseId, certification: 'high-tech', revocationDate: '2026-03-01', reason: 'Audit finding' },
        revoking,
      ),
    );

    expect([registered.revision, granted.revision, revoked.revision]).toEqual([0, 1, 2]);
    const events = await ledger.events(enterpriseStreamId(enterpriseId));
    expect(events.map((e) => e.type)).toEqual([
      'EnterpriseRegistered',
      'EnterpriseCertificationGranted',
      'EnterpriseCertificationRevoked',
    ]);
    expectMetadata(events[0], registering);
    expectMetadata(events[1], granting);
    expectMetadata(events[2], revoking);
  });

  it('refuses a second registration with ENTERPRISE.ALREADY_EXISTS', async () => {
    const enterpriseId = uniqueId('ent');
    await ledger.run(new RegisterEnterpriseCommand(registration(enterpriseId), context(admin)));

    await expectRefusal(
      ledger.run(new RegisterEnterpriseCommand(registration(enterpriseId), context(admin))),
      EnterpriseAlreadyExistsError,
      'ENTERPRISE.ALREADY_EXISTS',
    );
  });

  it('refuses to certify an enterprise never registered, and to revoke what it does not hold', async () => {
    const missing = uniqueId('ent');
    await expectRefusal(
      ledger.run(
        new GrantCertificationCommand(
          { enterpriseId: missing, certification: 'tech-sme', grantDate: '2026-01-01' },
          context(admin),
        ),
      ),
      EnterpriseNotFoundError,
      'ENTERPRISE.NOT_FOUND',
    );

    const enterpriseId = uniqueId('ent');
    await ledger.run(new RegisterEnterpriseCommand(registration(enterpriseId), context(admin)));
    await expectRefusal(
      ledger.run(
        new RevokeCertificationCommand(
          { enterpriseId, certification: 'little-giant', revocationDate: '2026-03-01', reason: 'n/a' },
          context(admin),
        ),
      ),
      CertificationNotHeldError,
      'ENTERPRISE.CERTIFICATION_NOT_HELD',
    );
  });

  it('refuses a stale If-Match revision with ConcurrencyError, writing nothing', async () => {
    const enterpriseId = uniqueId('ent');
    await ledger.run(new RegisterEnterpriseCommand(registration(enterpriseId), context(admin)));

    await expect(
      ledger.run(
        new GrantCertificationCommand(
          { enterpriseId, certification: 'tech-sme', grantDate: '2026-01-01' },
          context(admin, { expectedRevision: 3 }),
        ),
      ),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await ledger.events(enterpriseStreamId(enterpriseId))).toHaveLength(1);
  });
});
