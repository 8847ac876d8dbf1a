import { BankAlreadyExistsError, bankStreamId, ForbiddenError } from '@pledge-ledger/domain';
import { ConcurrencyError } from '@pledge-ledger/event-store';
import {
  admin,
  bankOfficer,
  context,
  expectMetadata,
  expectRefusal,
  openTestLedger,
  STORE_KINDS,
  uniqueId,
  type TestLedger,
} from '../ledger-commands.harness.test';
import { RegisterBankCommand } from './register-bank/register-bank.command';

describe.each(STORE_KINDS)('bank commands through the CommandBus on %s', (kind) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(kind);
  });
  afterAll(() => ledger?.close());

  const registration = (bankId: string) => ({
    bankId,
    name: 'Fuzhou Rural Commercial Bank',
    creditCode: '91330100716105852F',
  });

  it('registers a bank: BankRegistered with the request metadata', async () => {
    const bankId = uniqueId('bank');
    const ctx = context(admin);

    const result = await ledger.run(new RegisterBankCommand(registration(bankId), ctx));

    expect(result).toMatchObject({ streamId: bankStreamId(bankId), revision: 0 });
    const [event] = await ledger.events(bankStreamId(bankId));
    expect(event).toMatchObject({ type: 'BankRegistered', data: registration(bankId) });
    expectMetadata(event, ctx);
  });

  it('refuses a second registration, and a bank registering itself', async () => {
    const bankId = uniqueId('bank');
    await ledger.run(new RegisterBankCommand(registration(bankId), context(admin)));

    await expectRefusal(
      ledger.run(new RegisterBankCommand(registration(bankId), context(admin))),
      BankAlreadyExistsError,
      'BANK.ALREADY_EXISTS',
    );
    const other = uniqueId('bank');
    await expectRefusal(
      ledger.run(new RegisterBankCommand(registration(other), context(bankOfficer(other)))),
      ForbiddenError,
      'AUTH.FORBIDDEN',
    );
  });

  it('refuses an If-Match revision on a stream that does not exist yet with ConcurrencyError', async () => {
    const bankId = uniqueId('bank');
    await expect(
      ledger.run(new RegisterBankCommand(registration(bankId), context(admin, { expectedRevision: 0 }))),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await ledger.events(bankStreamId(bankId))).toEqual([]);
  });
});
