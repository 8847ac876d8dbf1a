import {
  AlreadyPledgedError,
  EnterpriseNotFoundError,
  ipAssetStreamId,
  LoanNotFoundError,
} from '@pledge-ledger/domain';
import { ConcurrencyError } from '@pledge-ledger/event-store';
import {
  admin,
  bankOfficer,
  context,
  expectMetadata,
  expectRefusal,
  openTestLedger,
  originateLoan,
  registerBank,
  registerEnterprise,
  STORE_KINDS,
  uniqueId,
  type TestLedger,
} from '../ledger-commands.harness.test';
import { RecordValuationCommand } from './record-valuation/record-valuation.command';
import { RegisterIpAssetCommand } from './register-ip-asset/register-ip-asset.command';
import { RegisterPledgeCommand } from './register-pledge/register-pledge.command';

describe.each(STORE_KINDS)('IP asset commands through the CommandBus on %s', (kind) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(kind);
  });
  afterAll(() => ledger?.close());

  const patent = (ipAssetId: string, ownerEnterpriseIds: string[]) => ({
    ipAssetId,
    kind: 'invention-patent' as const,
    number: 'ZL202310012345.8',
    title: 'Method for packaging silicon photonic chips',
    ownerEnterpriseIds,
    grantDate: '2024-06-18',
    expiryDate: '2043-01-04',
  });

  async function registeredPatent(ownerId: string) {
    const ipAssetId = uniqueId('ip');
    await ledger.run(new RegisterIpAssetCommand(patent(ipAssetId, [ownerId]), context(admin)));
    return ipAssetId;
  }

  const pledge = (ipAssetId: string, loanId: string) => ({
    ipAssetId,
    loanId,
    registrationNumber: `ZX-${loanId}`,
    pledgeDate: '2026-01-12',
    consentingOwnerIds: [],
  });

  it('registers a patent owned by registered enterprises, with the request metadata', async () => {
    const owner = await registerEnterprise(ledger);
    const ipAssetId = uniqueId('ip');
    const ctx = context(admin);

    const result = await ledger.run(new RegisterIpAssetCommand(patent(ipAssetId, [owner]), ctx));

    expect(result).toMatchObject({ streamId: ipAssetStreamId(ipAssetId), revision: 0 });
    const [event] = await ledger.events(ipAssetStreamId(ipAssetId));
    expect(event).toMatchObject({
      type: 'IpAssetRegistered',
      data: { ipAssetId, number: '202310012345.8', ownerEnterpriseIds: [owner] },
    });
    expectMetadata(event, ctx);
  });

  it('refuses a patent naming an owner that is not a registered enterprise (fact from the Enterprise stream)', async () => {
    const owner = await registerEnterprise(ledger);
    const ipAssetId = uniqueId('ip');

    await expectRefusal(
      ledger.run(new RegisterIpAssetCommand(patent(ipAssetId, [owner, uniqueId('ent')]), context(admin))),
      EnterpriseNotFoundError,
      'ENTERPRISE.NOT_FOUND',
    );
    expect(await ledger.events(ipAssetStreamId(ipAssetId))).toEqual([]);
  });

  it("registers a bank's pledge with the pledgee, pledgor and maturity read from the loan", async () => {
    const bankId = await registerBank(ledger);
    const enterpriseId = await registerEnterprise(ledger);
    const ipAssetId = await registeredPatent(enterpriseId);
    const loanId = await originateLoan(ledger, { bankId, enterpriseId, assetIds: [ipAssetId] });

    const result = await ledger.run(new RegisterPledgeCommand(pledge(ipAssetId, loanId), context(bankOfficer(bankId))));

    expect(result.events).toEqual([
      {
        type: 'PledgeRegistered',
        data: expect.objectContaining({
          ipAssetId,
          loanId,
          pledgeeBankId: bankId,
          pledgorEnterpriseId: enterpriseId,
          loanMaturityDate: '2026-07-10',
        }),
      },
    ]);
  });

  it('refuses a second live pledge of the asset, and tells another bank the loan does not exist', async () => {
    const bankId = await registerBank(ledger);
    const enterpriseId = await registerEnterprise(ledger);
    const ipAssetId = await registeredPatent(enterpriseId);
    const firstLoan = await originateLoan(ledger, { bankId, enterpriseId, assetIds: [ipAssetId] });
    const secondLoan = await originateLoan(ledger, { bankId, enterpriseId, assetIds: [ipAssetId] });
    await ledger.run(new RegisterPledgeCommand(pledge(ipAssetId, firstLoan), context(bankOfficer(bankId))));

    await expectRefusal(
      ledger.run(new RegisterPledgeCommand(pledge(ipAssetId, secondLoan), context(bankOfficer(bankId)))),
      AlreadyPledgedError,
      'IP_ASSET.ALREADY_PLEDGED',
    );
    await expectRefusal(
      ledger.run(new RegisterPledgeCommand(pledge(ipAssetId, secondLoan), context(bankOfficer(uniqueId('bank'))))),
      LoanNotFoundError,
      'LOAN.NOT_FOUND',
    );
  });

  it('refuses a stale If-Match revision with ConcurrencyError, writing nothing', async () => {
    const ipAssetId = await registeredPatent(await registerEnterprise(ledger));
    const valuation = {
      ipAssetId,
      appraiser: 'Fujian Appraisal Co.',
      value: '2500000.00',
      valuationDate: '2026-01-08',
    };

    await expect(
      ledger.run(new RecordValuationCommand(valuation, context(admin, { expectedRevision: 1 }))),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    const result = await ledger.run(new RecordValuationCommand(valuation, context(admin, { expectedRevision: 0 })));
    expect(result.revision).toBe(1);
  });
});
