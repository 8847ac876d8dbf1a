import { startApiTestApp, type Answer, type ApiTestApp } from './support/api-test-app';
import { CREDIT_CODES, PATENT_NUMBERS } from './support/command-routes';

/**
 * The lifecycle of DESIGN.md driven only through the command routes, each step by the role the
 * contract names: the admin registers the parties, the fund manager sets up the fund, the bank
 * lends, defaults and files, two fund managers approve and the fund pays. The process managers
 * (pledging, fund cover, claim payment, recovery sharing) run in-process on the same store.
 * Figures: 2,000,000.00 at 12 % for 12 months, bullet; 40 % cover capped at 750,000.00 per loan,
 * two approvers above 500,000.00.
 */
describe('the command side of the lifecycle over HTTP', () => {
  let api: ApiTestApp;
  let admin: string;
  let fundManager: string;
  let secondFundManager: string;
  let bank: string;
  let foreignBank: string;

  const FUND = 'fujian-fund';
  /** Named by the server when bank-a originates it. */
  let LOAN = '';
  const ASSETS = ['patent-a-1', 'patent-a-2'] as const;

  beforeAll(async () => {
    api = await startApiTestApp();
    admin = api.token('admin', { sub: 'olga' });
    fundManager = api.token('fund-manager', { sub: 'fm-wang' });
    secondFundManager = api.token('fund-manager', { sub: 'fm-li' });
    bank = api.token('bank', { sub: 'teller-a', bankId: 'bank-a' });
    foreignBank = api.token('bank', { sub: 'teller-b', bankId: 'bank-b' });
  });

  afterAll(async () => {
    await api?.close();
  });

  /** A command answer: status, `{ id, revision, position }` and the ETag of that revision. */
  function expectDone(answer: Answer, status: 200 | 201, id: string, revision: number): void {
    expect({ status: answer.status, body: answer.body }).toEqual({
      status,
      body: { id, revision, position: expect.stringMatching(/\S/) },
    });
    expect(answer.etag).toBe(`"${revision}"`);
  }

  function expectRefused(answer: Answer, status: number, code: string): void {
    expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({ status, code });
  }

  async function countOf(type: string): Promise<number> {
    return (await api.http.events()).filter((event) => event.type === type).length;
  }

  it('the admin registers two banks, an enterprise with a certification, and two valued patents', async () => {
    const bankA = await api.post('/v1/banks', {
      token: admin,
      body: { bankId: 'bank-a', name: 'Fuzhou Rural Commercial Bank', creditCode: CREDIT_CODES.bank },
    });
    expectDone(bankA, 201, 'bank-a', 0);
    const bankB = await api.post('/v1/banks', {
      token: admin,
      body: { bankId: 'bank-b', name: 'Xiamen City Bank', creditCode: '91310000607216596U' },
    });
    expectDone(bankB, 201, 'bank-b', 0);
    const again = await api.post('/v1/banks', {
      token: admin,
      body: { bankId: 'bank-a', name: 'Fuzhou Rural Commercial Bank', creditCode: CREDIT_CODES.bank },
    });
    expect(again.status).toBe(409);

    const enterprise = await api.post('/v1/enterprises', {
      token: admin,
      body: {
        enterpriseId: 'ent-a',
        name: 'Minjiang Photonics',
        creditCode: CREDIT_CODES.enterprise,
        region: 'Fujian/Fuzhou',
        size: 'small',
      },
    });
    expectDone(enterprise, 201, 'ent-a', 0);
    const certified = await api.post('/v1/enterprises/ent-a/certifications', {
      token: admin,
      body: { certification: 'high-tech', grantDate: '2025-12-01', expiryDate: '2028-11-30' },
    });
    expectDone(certified, 200, 'ent-a', 1);

    for (const [index, ipAssetId] of ASSETS.entries()) {
      const registered = await api.post('/v1/ip-assets', {
        token: admin,
        body: {
          ipAssetId,
          kind: 'invention-patent',
          number: PATENT_NUMBERS[index],
          title: index === 0 ? 'Tunable laser diode array' : 'Optical fibre splice protector',
          ownerEnterpriseIds: ['ent-a'],
          grantDate: '2023-05-10',
          expiryDate: '2041-03-01',
        },
      });
      expectDone(registered, 201, ipAssetId, 0);
      const valued = await api.post(`/v1/ip-assets/${ipAssetId}/valuations`, {
        token: admin,
        body: { appraiser: 'Fujian Zhongxin Appraisal', value: '1500000.00', valuationDate: '2026-01-05' },
      });
      expectDone(valued, 200, ipAssetId, 1);
    }
  });

  it('names a new aggregate with a UUID when the body does not, and an Idempotency-Key makes the retry safe', async () => {
    const request = {
      token: admin,
      headers: { 'idempotency-key': 'register-xiamen-branch' },
      body: { name: 'Xiamen Branch Bank', creditCode: '91110108551385082Q' },
    };
    const first = await api.post('/v1/banks', request);
    expect(first.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expectDone(first, 201, first.body.id, 0);
    const events = await api.eventCount();

    const retry = await api.post('/v1/banks', request);
    expect({ status: retry.status, body: retry.body }).toEqual({ status: 201, body: first.body });
    const otherBody = await api.post('/v1/banks', { ...request, body: { ...request.body, name: 'Another Bank' } });
    expectRefused(otherBody, 422, 'IDEMPOTENCY.KEY_REUSED');
    expect(await api.eventCount()).toBe(events);
  });

  it('the admin records the legal status of a patent: a lapsed fee paid, an invalidation upheld', async () => {
    const path = `/v1/ip-assets/${ASSETS[1]}/legal-status`;
    const steps = [
      { event: 'annual-fee-lapsed', date: '2025-11-01' },
      { event: 'annual-fee-paid', date: '2025-11-20' },
      { event: 'invalidation-filed', date: '2025-12-01', caseNumber: '4W112233' },
      { event: 'invalidation-resolved', date: '2026-01-04', caseNumber: '4W112233', outcome: 'upheld' },
    ];
    for (const [index, body] of steps.entries()) {
      expectDone(await api.post(path, { token: admin, body }), 200, ASSETS[1], 2 + index);
    }
    const unknownCase = await api.post(path, {
      token: admin,
      body: { event: 'invalidation-resolved', date: '2026-01-05', caseNumber: 'NO-SUCH', outcome: 'upheld' },
    });
    expect(unknownCase.status).toBe(409);
    const unknownAsset = await api.post('/v1/ip-assets/no-such-asset/valuations', {
      token: admin,
      body: { appraiser: 'A', value: '1.00', valuationDate: '2026-01-05' },
    });
    expect(unknownAsset.status).toBe(404);
  });

  it('the fund manager establishes and capitalises the fund, publishes its policy, admits, suspends and reinstates banks', async () => {
    expectDone(
      await api.post('/v1/funds', {
        token: fundManager,
        body: { fundId: FUND, name: 'Fujian IP pledge risk fund', establishedOn: '2026-01-01' },
      }),
      201,
      FUND,
      0,
    );
    const steps: [string, object][] = [
      [
        'contributions',
        { contributor: 'Fujian provincial finance department', amount: '10000000.00', valueDate: '2026-01-02' },
      ],
      [
        'policies',
        {
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
        },
      ],
      ['banks', { bankId: 'bank-a', admittedOn: '2026-01-03' }],
      ['banks', { bankId: 'bank-b', admittedOn: '2026-01-03' }],
      ['banks/bank-b/suspension', { reason: 'Reporting overdue', suspendedOn: '2026-01-04' }],
      ['banks/bank-b/reinstatement', { reason: 'Reports filed', reinstatedOn: '2026-01-05' }],
    ];
    for (const [index, [path, body]] of steps.entries()) {
      expectDone(await api.post(`/v1/funds/${FUND}/${path}`, { token: fundManager, body }), 200, FUND, 1 + index);
    }
    const notSuspended = await api.post(`/v1/funds/${FUND}/banks/bank-b/reinstatement`, {
      token: fundManager,
      body: { reason: 'Again', reinstatedOn: '2026-01-06' },
    });
    expect(notSuspended.status).toBe(409);
  });

  it('the bank originates; disbursing before the pledges are secured is refused; another bank sees no loan', async () => {
    await api.pauseProcessManagers();
    try {
      const originated = await api.post('/v1/loans', {
        token: bank,
        body: {
          enterpriseId: 'ent-a',
          principal: '2000000.00',
          annualRateBps: 1200,
          termMonths: 12,
          repaymentMethod: 'bullet',
          originationDate: '2026-01-10',
          pledges: ASSETS.map((assetId) => ({
            assetId,
            registrationNumber: `Y2026-${assetId}`,
            consentingOwnerIds: [],
          })),
        },
      });
      LOAN = String(originated.body?.id);
      expect(LOAN).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expectDone(originated, 201, LOAN, 0);

      const early = await api.post(`/v1/loans/${LOAN}/disbursements`, {
        token: bank,
        body: { valueDate: '2026-01-15' },
      });
      expectRefused(early, 409, 'LOAN.PLEDGES_NOT_SECURED');
      const foreign = await api.post(`/v1/loans/${LOAN}/disbursements`, {
        token: foreignBank,
        body: { valueDate: '2026-01-15' },
      });
      expectRefused(foreign, 404, 'LOAN.NOT_FOUND');
    } finally {
      await api.resumeProcessManagers();
    }
    await api.settle();
    expect(await countOf('PledgeRegistered')).toBe(2);
    expect(await countOf('LoanPledgesSecured')).toBe(1);
  });

  it('the bank disburses, the fund enrols the loan, the bank records a repayment (If-Match honoured)', async () => {
    const disbursed = await api.post(`/v1/loans/${LOAN}/disbursements`, {
      token: bank,
      body: { valueDate: '2026-01-15' },
    });
    expectDone(disbursed, 200, LOAN, 2);
    const twice = await api.post(`/v1/loans/${LOAN}/disbursements`, { token: bank, body: { valueDate: '2026-01-16' } });
    expectRefused(twice, 409, 'LOAN.ALREADY_DISBURSED');

    const enrolled = await api.post(`/v1/funds/${FUND}/enrolments`, {
      token: fundManager,
      body: { loanId: LOAN, enrolledOn: '2026-01-20' },
    });
    expectDone(enrolled, 200, FUND, 7);
    await api.settle();
    expect(await countOf('LoanFundCoverageRecorded')).toBe(1);

    const stale = await api.post(`/v1/loans/${LOAN}/repayments`, {
      token: bank,
      headers: { 'if-match': '"2"' },
      body: { amount: '35000.00', valueDate: '2026-02-15' },
    });
    expectRefused(stale, 412, 'CONCURRENCY.STALE_REVISION');
    const repaid = await api.post(`/v1/loans/${LOAN}/repayments`, {
      token: bank,
      headers: { 'if-match': '"3"' },
      body: { amount: '35000.00', valueDate: '2026-02-15' },
    });
    expectDone(repaid, 200, LOAN, 4);
  });

  it('the bank assesses, defaults only past the threshold, and files a claim', async () => {
    const tooEarly = await api.post(`/v1/loans/${LOAN}/default`, { token: bank, body: { asOf: '2026-03-20' } });
    expectRefused(tooEarly, 409, 'LOAN.NOT_PAST_DEFAULT_THRESHOLD');
    const notYet = await api.post('/v1/claims', { token: bank, body: { loanId: LOAN, filedOn: '2026-03-20' } });
    expectRefused(notYet, 409, 'CLAIM.LOAN_NOT_DEFAULTED');

    expectDone(
      await api.post(`/v1/loans/${LOAN}/delinquency-assessments`, { token: bank, body: { asOf: '2026-06-14' } }),
      200,
      LOAN,
      5,
    );
    expectDone(
      await api.post(`/v1/loans/${LOAN}/default`, { token: bank, body: { asOf: '2026-06-14' } }),
      200,
      LOAN,
      6,
    );

    const foreign = await api.post('/v1/claims', { token: foreignBank, body: { loanId: LOAN, filedOn: '2026-06-20' } });
    expect(foreign.status).toBe(404);
    const filed = await api.post('/v1/claims', { token: bank, body: { loanId: LOAN, filedOn: '2026-06-20' } });
    expectDone(filed, 201, LOAN, 0);
    const again = await api.post('/v1/claims', { token: bank, body: { loanId: LOAN, filedOn: '2026-06-21' } });
    expectRefused(again, 409, 'CLAIM.ALREADY_OPEN');
  });

  it('two fund managers approve, the payout is requested, and the fund pays once', async () => {
    const unpaid = await api.post(`/v1/claims/${LOAN}/payouts`, {
      token: fundManager,
      body: { valueDate: '2026-06-26' },
    });
    expectRefused(unpaid, 409, 'CLAIM.NOT_APPROVED');

    expectDone(
      await api.post(`/v1/claims/${LOAN}/approvals`, { token: fundManager, body: { approvedOn: '2026-06-25' } }),
      200,
      LOAN,
      1,
    );
    const twice = await api.post(`/v1/claims/${LOAN}/approvals`, {
      token: fundManager,
      body: { approvedOn: '2026-06-25' },
    });
    expectRefused(twice, 409, 'CLAIM.ALREADY_APPROVED_BY_YOU');
    const stillOne = await api.post(`/v1/claims/${LOAN}/payouts`, {
      token: fundManager,
      body: { valueDate: '2026-06-26' },
    });
    expectRefused(stillOne, 409, 'CLAIM.NOT_APPROVED');

    // Held so this request, not the claim-payment process manager, is the one that pays.
    await api.pauseProcessManagers();
    try {
      expectDone(
        await api.post(`/v1/claims/${LOAN}/approvals`, {
          token: secondFundManager,
          body: { approvedOn: '2026-06-25' },
        }),
        200,
        LOAN,
        2,
      );
      const stale = await api.post(`/v1/claims/${LOAN}/payouts`, {
        token: secondFundManager,
        headers: { 'if-match': '"1"' },
        body: { valueDate: '2026-06-26' },
      });
      expectRefused(stale, 412, 'CONCURRENCY.STALE_REVISION');
      const unknown = await api.post('/v1/claims/no-such-loan/payouts', {
        token: secondFundManager,
        body: { valueDate: '2026-06-26' },
      });
      expectRefused(unknown, 404, 'CLAIM.NOT_FOUND');
      const paid = await api.post(`/v1/claims/${LOAN}/payouts`, {
        token: secondFundManager,
        headers: { 'if-match': '"2"' },
        body: { valueDate: '2026-06-26' },
      });
      expectDone(paid, 200, LOAN, 3);
      const repeat = await api.post(`/v1/claims/${LOAN}/payouts`, {
        token: fundManager,
        body: { valueDate: '2026-06-27' },
      });
      expect({ status: repeat.status, body: repeat.body, etag: repeat.etag }).toEqual({
        status: 200,
        body: { id: LOAN, revision: 3, position: null },
        etag: '"3"',
      });
    } finally {
      await api.resumeProcessManagers();
    }
    await api.settle();
    expect(await countOf('CompensationPaid')).toBe(1);
    expect(await countOf('ClaimPaid')).toBe(1);
    const rejectPaid = await api.post(`/v1/claims/${LOAN}/rejections`, {
      token: fundManager,
      body: { reason: 'Too late', rejectedOn: '2026-06-28' },
    });
    expect(rejectPaid.status).toBe(409);
  });

  it('the bank records a recovery the fund shares in, then writes the loan off', async () => {
    const recovered = await api.post(`/v1/loans/${LOAN}/recoveries`, {
      token: bank,
      body: { amount: '300000.00', source: 'pledge-enforcement', valueDate: '2026-09-01', assetId: ASSETS[0] },
    });
    expectDone(recovered, 200, LOAN, 7);
    await api.settle();
    expect(await countOf('RecoveryShared')).toBe(1);
    expect(await countOf('RecoveryShareReceived')).toBe(1);

    expectDone(
      await api.post(`/v1/loans/${LOAN}/write-off`, { token: bank, body: { valueDate: '2026-12-31' } }),
      200,
      LOAN,
      8,
    );
    const revoked = await api.post('/v1/enterprises/ent-a/certification-revocations', {
      token: admin,
      body: { certification: 'high-tech', revocationDate: '2027-01-10', reason: 'Annual review failed' },
    });
    expectDone(revoked, 200, 'ent-a', 2);
  });
});
