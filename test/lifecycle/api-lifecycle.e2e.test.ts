import { startLifecycleServer, type Answer, type Database, type Json, type LifecycleServer } from './lifecycle-server';

/**
 * The lifecycle of DESIGN.md driven only through the HTTP API of a real listening server, each
 * step by the role the contract names, on the embedded SQLite and on PostgreSQL (both stores), with
 * the same test code. After every step the affected read models are read through the GET routes
 * with `?minPosition=<the command's position>` (or a bounded poll where a process manager acts
 * after the command answered) and their figures asserted exactly.
 *
 * Figures (scripts/walkthrough.sh): 2,000,000.00 at 12 % for 12 months, bullet, disbursed
 * 2026-01-15; 35,000.00 repaid on 2026-02-15 (20,000.00 interest, 15,000.00 principal); 91 days
 * past due on 2026-06-14; 40 % cover capped at 750,000.00 per loan, two approvers above
 * 500,000.00; patent-1 sold for 300,000.00, the fund's share 113,350.12; 1,685,000.00 written off.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATABASES: Database[] = ['sqlite', 'postgres'];

const POLL_MS = 100;
const POLL_LIMIT = 100; // 10 s

describe.each(DATABASES)(
  'the whole lifecycle over HTTP on %s, checking the read models after each step',
  (database) => {
    let server: LifecycleServer;
    let ADMIN: string;
    let BANK: string;
    let ENTERPRISE: string;
    let FM1: string;
    let FM2: string;
    let AUDITOR: string;
    /** The position the last command answered: every read after it asks for it. */
    let position = '';
    /** The id of the last command's aggregate; the server names the loan (B1's "loan-1" below). */
    let lastId = '';
    let LOAN1 = '';
    /** The event types the history must hold, in global order. */
    const history: string[] = [];

    beforeAll(async () => {
      server = await startLifecycleServer(database);
      ADMIN = server.token({ role: 'admin', sub: 'olga' });
      BANK = server.token({ role: 'bank', sub: 'alice', bankId: 'B1' });
      ENTERPRISE = server.token({ role: 'enterprise', sub: 'ming', enterpriseId: 'ent-1' });
      FM1 = server.token({ role: 'fund-manager', sub: 'fm1' });
      FM2 = server.token({ role: 'fund-manager', sub: 'fm2' });
      AUDITOR = server.token({ role: 'auditor', sub: 'audrey' });
    });

    afterAll(async () => {
      await server?.close();
    });

    /** A command that must answer `status` with `{ id, revision, position }`; keeps its position. */
    async function command(
      urlPath: string,
      token: string,
      body: unknown,
      expected: { status: 200 | 201; id: unknown; revision: number; events: string[] },
    ): Promise<void> {
      const answer = await server.post(urlPath, token, body);
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: expected.status,
        body: { id: expected.id, revision: expected.revision, position: expect.stringMatching(/^\d+$/) },
      });
      expect(answer.etag).toBe(`"${expected.revision}"`);
      position = answer.body.position;
      lastId = answer.body.id;
      history.push(...expected.events);
    }

    /** A GET with `?minPosition=` of the last command: must answer 200. */
    async function read(urlPath: string, token: string): Promise<Answer> {
      const answer = await server.get(`${urlPath}${urlPath.includes('?') ? '&' : '?'}minPosition=${position}`, token);
      expect({ urlPath, status: answer.status, error: answer.body?.error }).toEqual({
        urlPath,
        status: 200,
        error: undefined,
      });
      return answer;
    }

    /**
     * A bounded poll for what a process manager does after the command answered. `etag`, when
     * given, is waited for too: a read's ETag is the revision at the view's checkpoint read just
     * before its rows, so the poll that first shows the process manager's row may still carry the
     * revision before it (stale by design, never ahead); the next one has caught up.
     */
    async function waitFor(
      urlPath: string,
      token: string,
      until: (body: Json) => boolean,
      etag?: string,
    ): Promise<Answer> {
      let last: Answer | undefined;
      for (let i = 0; i < POLL_LIMIT; i++) {
        last = await server.get(urlPath, token);
        if (last.status === 200 && until(last.body) && (etag === undefined || last.etag === etag)) return last;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      throw new Error(`GET ${urlPath} never got there; last answer ${last?.status} ${JSON.stringify(last?.body)}`);
    }

    /** The auditor's history holds exactly the events so far (waiting for process managers' ones). */
    async function expectHistory(): Promise<void> {
      const answer = await waitFor(
        `/v1/audit/events?limit=500&minPosition=${position}`,
        AUDITOR,
        (body) => body.items.length >= history.length,
      );
      expect(answer.body.items.map((event: { type: string }) => event.type)).toEqual(history);
    }

    /** The trial balance: debits equal credits, the totals and every account's balances sum to zero. */
    async function expectTrialBalance(debits: string, balances: Record<string, string>): Promise<void> {
      const { body } = await read('/v1/ledger/trial-balance', AUDITOR);
      expect(body.totals).toEqual({ debit: debits, credit: debits, balance: '0.00' });
      const byAccount = Object.fromEntries(
        body.accounts.map((account: { account: string; balance: string }) => [account.account, account.balance]),
      );
      expect(byAccount).toEqual(balances);
      const sum = body.accounts.reduce(
        (total: bigint, account: { balance: string }) => total + fen(account.balance),
        0n,
      );
      expect(sum).toBe(0n);
    }

    function fen(amount: string): bigint {
      const negative = amount.startsWith('-');
      const [units, cents = ''] = amount.replace('-', '').split('.');
      const value = BigInt(units) * 100n + BigInt(cents.padEnd(2, '0'));
      return negative ? -value : value;
    }

    const pledgeOf = (assetId: string) => ({
      loanId: LOAN1,
      pledgeeBankId: 'B1',
      pledgorEnterpriseId: 'ent-1',
      registrationNumber: `Y2026-${assetId}`,
      pledgeDate: '2026-01-10',
    });

    async function expectRegister(statuses: [string, string], pledged: boolean): Promise<void> {
      const { body } = await read('/v1/ip-assets?owner=ent-1', BANK);
      expect(body.nextCursor).toBeNull();
      expect(
        body.items.map((asset: Json) => ({ id: asset.ipAssetId, status: asset.pledgeStatus, pledge: asset.pledge })),
      ).toEqual(
        ['patent-1', 'patent-2'].map((id, index) => ({
          id,
          status: statuses[index],
          pledge: pledged ? { ...pledgeOf(id), loanMaturityDate: '2027-01-10' } : null,
        })),
      );
    }

    it('1. admin registers bank B1, enterprise ent-1 and two valued patents; the register shows them free', async () => {
      await command(
        '/v1/banks',
        ADMIN,
        { bankId: 'B1', name: 'Fuzhou Rural Commercial Bank', creditCode: '91440300708461136T' },
        { status: 201, id: 'B1', revision: 0, events: ['BankRegistered'] },
      );
      const portfolio = (await read('/v1/banks/B1/portfolio?year=2026', BANK)).body;
      expect(portfolio).toMatchObject({
        bankId: 'B1',
        name: 'Fuzhou Rural Commercial Bank',
        totals: { loans: 0, principal: '0.00', outstandingPrincipal: '0.00' },
        badLoans: { basePrincipal: '0.00', badPrincipal: '0.00', badLoanRatioBps: 0 },
        funds: [],
      });

      await command(
        '/v1/enterprises',
        ADMIN,
        {
          enterpriseId: 'ent-1',
          name: 'Minjiang Photonics',
          creditCode: '91350100M000100Y43',
          region: 'Fujian/Fuzhou',
          size: 'small',
        },
        { status: 201, id: 'ent-1', revision: 0, events: ['EnterpriseRegistered'] },
      );
      expect((await read('/v1/enterprises/ent-1/dashboard?asOf=2026-01-05', ENTERPRISE)).body).toEqual({
        enterpriseId: 'ent-1',
        name: 'Minjiang Photonics',
        region: 'Fujian/Fuzhou',
        size: 'small',
        // Registered without a contact person (docs/personal-data.md).
        contact: null,
        asOf: '2026-01-05',
        loans: [],
        nextInstalmentDue: null,
        pledgedAssets: [],
      });

      const patents = [
        { ipAssetId: 'patent-1', number: '202110345678.3', title: 'Tunable laser diode array' },
        { ipAssetId: 'patent-2', number: '202210567890.9', title: 'Optical fibre splice protector' },
      ];
      for (const patent of patents) {
        await command(
          '/v1/ip-assets',
          ADMIN,
          {
            ...patent,
            kind: 'invention-patent',
            ownerEnterpriseIds: ['ent-1'],
            grantDate: '2023-05-10',
            expiryDate: '2041-03-01',
          },
          { status: 201, id: patent.ipAssetId, revision: 0, events: ['IpAssetRegistered'] },
        );
        await command(
          `/v1/ip-assets/${patent.ipAssetId}/valuations`,
          ADMIN,
          { appraiser: 'Fujian Zhongxin Appraisal', value: '1500000.00', valuationDate: '2026-01-05' },
          { status: 200, id: patent.ipAssetId, revision: 1, events: ['ValuationRecorded'] },
        );
        const asset = await read(`/v1/ip-assets/${patent.ipAssetId}`, ADMIN);
        expect(asset.etag).toBe('"1"');
        expect(asset.body).toMatchObject({
          ...patent,
          ownerEnterpriseIds: ['ent-1'],
          latestValuation: { appraiser: 'Fujian Zhongxin Appraisal', value: '1500000.00', valuationDate: '2026-01-05' },
          legalStatus: { status: 'in-force', annualFeeLapsed: false, pendingInvalidations: [] },
          pledgeStatus: 'free',
          pledge: null,
        });
      }
      await expectRegister(['free', 'free'], false);
      await expectTrialBalance('0.00', {});
      await expectHistory();
    });

    it('2. fund manager fm1 establishes and capitalises fund-1, publishes its policy, admits B1', async () => {
      await command(
        '/v1/funds',
        FM1,
        { fundId: 'fund-1', name: 'Fujian IP pledge risk fund', establishedOn: '2026-01-01' },
        { status: 201, id: 'fund-1', revision: 0, events: ['FundEstablished'] },
      );
      let fund = await read('/v1/funds/fund-1/dashboard?year=2026', FM1);
      expect(fund.etag).toBe('"0"');
      expect(fund.body).toMatchObject({
        fundId: 'fund-1',
        policyVersion: null,
        capitalContributed: '0.00',
        available: '0.00',
        committedExposure: '0.00',
        paid: '0.00',
        recovered: '0.00',
        banks: [],
        claimQueue: [],
      });

      await command(
        '/v1/funds/fund-1/contributions',
        FM1,
        { contributor: 'Fujian provincial finance department', amount: '10000000.00', valueDate: '2026-01-02' },
        { status: 200, id: 'fund-1', revision: 1, events: ['FundCapitalContributed'] },
      );
      fund = await read('/v1/funds/fund-1/dashboard?year=2026', FM1);
      expect(fund.body).toMatchObject({
        asOfDate: '2026-01-02',
        capitalContributed: '10000000.00',
        available: '10000000.00',
        committedExposure: '0.00',
        leverage: '0.0000',
      });
      await expectTrialBalance('10000000.00', {
        'fund:fund-1:capital': '-10000000.00',
        'fund:fund-1:cash': '10000000.00',
      });

      await command(
        '/v1/funds/fund-1/policies',
        FM1,
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
        { status: 200, id: 'fund-1', revision: 2, events: ['FundPolicyPublished'] },
      );
      expect((await read('/v1/funds/fund-1/dashboard?year=2026', FM1)).body).toMatchObject({ policyVersion: 1 });

      await command(
        '/v1/funds/fund-1/banks',
        FM1,
        { bankId: 'B1', admittedOn: '2026-01-03' },
        { status: 200, id: 'fund-1', revision: 3, events: ['BankAdmitted'] },
      );
      fund = await read('/v1/funds/fund-1/dashboard?year=2026', FM1);
      expect(fund.etag).toBe('"3"');
      expect(fund.body).toMatchObject({
        capitalContributed: '10000000.00',
        available: '10000000.00',
        banks: [
          {
            bankId: 'B1',
            standing: 'admitted',
            standingSince: '2026-01-03',
            loansEnrolled: 0,
            annualCapRemaining: '5000000.00',
          },
        ],
        claimQueue: [],
      });
      expect((await read('/v1/banks/B1/portfolio?year=2026', BANK)).body.funds).toEqual([
        expect.objectContaining({ fundId: 'fund-1', standing: 'admitted', capUsed: '0.00', capLeft: '5000000.00' }),
      ]);
      await expectHistory();
    });

    it('3. bank B1 originates loan-1 pledging both patents; the pledging process manager secures them', async () => {
      await command(
        '/v1/loans',
        BANK,
        {
          enterpriseId: 'ent-1',
          principal: '2000000.00',
          annualRateBps: 1200,
          termMonths: 12,
          repaymentMethod: 'bullet',
          originationDate: '2026-01-10',
          pledges: ['patent-1', 'patent-2'].map((assetId) => ({
            assetId,
            registrationNumber: `Y2026-${assetId}`,
            consentingOwnerIds: [],
          })),
        },
        { status: 201, id: expect.stringMatching(UUID), revision: 0, events: ['LoanOriginated'] },
      );
      LOAN1 = lastId;
      const originated = (await read(`/v1/loans/${LOAN1}?asOf=2026-01-10`, BANK)).body;
      expect(originated).toMatchObject({
        loanId: LOAN1,
        bankId: 'B1',
        enterpriseId: 'ent-1',
        principal: '2000000.00',
      });
      expect(['originated', 'pledges-secured']).toContain(originated.status);

      const secured = await waitFor(
        `/v1/loans/${LOAN1}?asOf=2026-01-10`,
        BANK,
        (body) => body.status === 'pledges-secured',
        '"1"',
      );
      history.push('PledgeRegistered', 'PledgeRegistered', 'LoanPledgesSecured');
      expect(secured.etag).toBe('"1"');
      expect(secured.body).toMatchObject({
        status: 'pledges-secured',
        disbursementDate: null,
        schedule: [],
        plannedMaturityDate: '2027-01-10',
        fundCoverage: null,
      });
      expect(
        secured.body.pledgedAssets.map((pledge: Json) => [pledge.assetId, pledge.status, pledge.registeredOn]),
      ).toEqual([
        ['patent-1', 'pledged', '2026-01-10'],
        ['patent-2', 'pledged', '2026-01-10'],
      ]);
      await expectHistory();
      await expectRegister(['pledged', 'pledged'], true);
    });

    it('4. bank B1 disburses: the loan is active, the enterprise owes, the portfolio holds it', async () => {
      await command(
        `/v1/loans/${LOAN1}/disbursements`,
        BANK,
        { valueDate: '2026-01-15' },
        { status: 200, id: LOAN1, revision: 2, events: ['LoanDisbursed'] },
      );
      const loan = (await read(`/v1/loans/${LOAN1}?asOf=2026-01-15`, BANK)).body;
      expect(loan).toMatchObject({
        status: 'active',
        disbursementDate: '2026-01-15',
        maturityDate: '2027-01-15',
        position: {
          asOf: '2026-01-15',
          outstandingPrincipal: '2000000.00',
          principalDue: '0.00',
          interestDue: '0.00',
          daysPastDue: 0,
          bucket: 'current',
          nextInstalment: { number: 1, dueDate: '2026-02-15', principal: '0.00', interest: '20000.00' },
        },
        fundCoverage: null,
      });
      expect(loan.schedule).toHaveLength(12);
      expect(loan.schedule[11]).toEqual({
        number: 12,
        dueDate: '2027-01-15',
        principal: '2000000.00',
        interest: '20000.00',
      });

      const dashboard = (await read('/v1/enterprises/ent-1/dashboard?asOf=2026-01-15', ENTERPRISE)).body;
      expect(dashboard.loans).toEqual([
        {
          loanId: LOAN1,
          bankId: 'B1',
          status: 'active',
          principal: '2000000.00',
          outstandingPrincipal: '2000000.00',
          daysPastDue: 0,
          bucket: 'current',
          nextInstalment: { number: 1, dueDate: '2026-02-15', principal: '0.00', interest: '20000.00' },
        },
      ]);
      expect(dashboard.nextInstalmentDue).toEqual({
        number: 1,
        dueDate: '2026-02-15',
        principal: '0.00',
        interest: '20000.00',
        loanId: LOAN1,
        bankId: 'B1',
        overdue: false,
      });
      expect(dashboard.pledgedAssets.map((asset: Json) => asset.ipAssetId)).toEqual(['patent-1', 'patent-2']);

      const portfolio = (await read('/v1/banks/B1/portfolio?year=2026', BANK)).body;
      expect(portfolio.totals).toEqual({ loans: 1, principal: '2000000.00', outstandingPrincipal: '2000000.00' });
      expect(portfolio.byStatus.find((row: Json) => row.status === 'active')).toEqual({
        status: 'active',
        loans: 1,
        principal: '2000000.00',
        outstandingPrincipal: '2000000.00',
      });
      expect(portfolio.byBucket.find((row: Json) => row.bucket === 'current')).toMatchObject({ loans: 1 });
      expect(portfolio.badLoans).toEqual({ basePrincipal: '2000000.00', badPrincipal: '0.00', badLoanRatioBps: 0 });

      await expectTrialBalance('14000000.00', {
        'bank:B1:cash': '-2000000.00',
        'bank:B1:loans-receivable': '2000000.00',
        'enterprise:ent-1:cash': '2000000.00',
        'enterprise:ent-1:loans-payable': '-2000000.00',
        'fund:fund-1:capital': '-10000000.00',
        'fund:fund-1:cash': '10000000.00',
      });
      await expectHistory();
    });

    it('5. fm1 enrols the loan in the fund: committed exposure, and the cover recorded on the loan', async () => {
      await command(
        '/v1/funds/fund-1/enrolments',
        FM1,
        { loanId: LOAN1, enrolledOn: '2026-01-20' },
        { status: 200, id: 'fund-1', revision: 4, events: ['LoanEnrolled'] },
      );
      const fund = (await read('/v1/funds/fund-1/dashboard?year=2026', FM1)).body;
      expect(fund).toMatchObject({
        capitalContributed: '10000000.00',
        available: '10000000.00',
        committedExposure: '2000000.00',
        maximumLiability: '750000.00',
        paid: '0.00',
        recovered: '0.00',
        leverageBps: 2000,
        banks: [expect.objectContaining({ bankId: 'B1', loansEnrolled: 1, coveredPrincipal: '2000000.00' })],
        claimQueue: [],
      });

      const loan = await waitFor(
        `/v1/loans/${LOAN1}?asOf=2026-01-20`,
        FM1,
        (body) => body.fundCoverage?.recordedOnLoan === true,
        '"3"',
      );
      history.push('LoanFundCoverageRecorded');
      expect(loan.etag).toBe('"3"');
      expect(loan.body).toMatchObject({ status: 'active', fundId: 'fund-1' });
      expect(loan.body.fundCoverage).toEqual({
        fundId: 'fund-1',
        coverageRatioBps: 4000,
        coveredPrincipal: '2000000.00',
        policyVersion: 1,
        defaultThresholdDays: 90,
        maxCompensation: '750000.00',
        enrolledOn: '2026-01-20',
        coverReleasedOn: null,
        recordedOnLoan: true,
      });
      await expectHistory();
    });

    it('6. bank B1 receives 35,000.00: interest first, then principal', async () => {
      await command(
        `/v1/loans/${LOAN1}/repayments`,
        BANK,
        { amount: '35000.00', valueDate: '2026-02-15' },
        { status: 200, id: LOAN1, revision: 4, events: ['RepaymentReceived'] },
      );
      const loan = (await read(`/v1/loans/${LOAN1}?asOf=2026-02-15`, BANK)).body;
      expect(loan).toMatchObject({
        status: 'active',
        repayments: [{ valueDate: '2026-02-15', amount: '35000.00', principal: '15000.00', interest: '20000.00' }],
        principalRepaid: '15000.00',
        interestRepaid: '20000.00',
        position: {
          outstandingPrincipal: '1985000.00',
          interestDue: '0.00',
          daysPastDue: 0,
          bucket: 'current',
          nextInstalment: { number: 2, dueDate: '2026-03-15' },
        },
      });
      const dashboard = (await read('/v1/enterprises/ent-1/dashboard?asOf=2026-02-15', ENTERPRISE)).body;
      expect(dashboard.loans[0]).toMatchObject({
        outstandingPrincipal: '1985000.00',
        daysPastDue: 0,
        bucket: 'current',
      });
      expect(dashboard.nextInstalmentDue).toMatchObject({ number: 2, dueDate: '2026-03-15', overdue: false });
      await expectTrialBalance('14070000.00', {
        'bank:B1:cash': '-1965000.00',
        'bank:B1:interest-income': '-20000.00',
        'bank:B1:loans-receivable': '1985000.00',
        'enterprise:ent-1:cash': '1965000.00',
        'enterprise:ent-1:interest-expense': '20000.00',
        'enterprise:ent-1:loans-payable': '-1985000.00',
        'fund:fund-1:capital': '-10000000.00',
        'fund:fund-1:cash': '10000000.00',
      });
      await expectHistory();
    });

    it('7. bank B1 assesses the loan 91 days past due on 2026-06-14: bucket 90+', async () => {
      await command(
        `/v1/loans/${LOAN1}/delinquency-assessments`,
        BANK,
        { asOf: '2026-06-14' },
        { status: 200, id: LOAN1, revision: 5, events: ['LoanDelinquencyAssessed'] },
      );
      const loan = (await read(`/v1/loans/${LOAN1}?asOf=2026-06-14`, BANK)).body;
      expect(loan).toMatchObject({
        status: 'active',
        position: {
          outstandingPrincipal: '1985000.00',
          principalDue: '0.00',
          interestDue: '60000.00',
          daysPastDue: 91,
          bucket: '90+',
        },
        lastAssessment: {
          asOf: '2026-06-14',
          daysPastDue: 91,
          bucket: '90+',
          principalDue: '0.00',
          interestDue: '60000.00',
        },
        default: null,
      });
      const portfolio = (await read('/v1/banks/B1/portfolio?year=2026', BANK)).body;
      expect(portfolio.totals).toEqual({ loans: 1, principal: '2000000.00', outstandingPrincipal: '1985000.00' });
      expect(portfolio.byBucket.find((row: Json) => row.bucket === '90+')).toEqual({
        bucket: '90+',
        loans: 1,
        principal: '2000000.00',
        outstandingPrincipal: '1985000.00',
      });
      expect(portfolio.badLoans).toEqual({ basePrincipal: '2000000.00', badPrincipal: '0.00', badLoanRatioBps: 0 });
      await expectHistory();
    });

    it('8. bank B1 declares the default: the bad-loan ratio and the fund watch list see it', async () => {
      await command(
        `/v1/loans/${LOAN1}/default`,
        BANK,
        { asOf: '2026-06-14' },
        { status: 200, id: LOAN1, revision: 6, events: ['LoanDefaulted'] },
      );
      const loan = (await read(`/v1/loans/${LOAN1}?asOf=2026-06-14`, BANK)).body;
      expect(loan).toMatchObject({
        status: 'defaulted',
        default: { asOf: '2026-06-14', daysPastDue: 91, thresholdDays: 90, outstandingPrincipal: '1985000.00' },
      });
      const portfolio = (await read('/v1/banks/B1/portfolio?year=2026', BANK)).body;
      expect(portfolio.byStatus.find((row: Json) => row.status === 'defaulted')).toEqual({
        status: 'defaulted',
        loans: 1,
        principal: '2000000.00',
        outstandingPrincipal: '1985000.00',
      });
      expect(portfolio.badLoans).toEqual({
        basePrincipal: '2000000.00',
        badPrincipal: '2000000.00',
        badLoanRatioBps: 10000,
      });
      const fund = (await read('/v1/funds/fund-1/dashboard?year=2026', FM1)).body;
      expect(fund).toMatchObject({
        available: '10000000.00',
        committedExposure: '2000000.00',
        claimQueue: [],
        watchList: [{ bankId: 'B1', badLoanRatioBps: 10000, thresholdBps: 5000, breaches: true }],
      });
      await expectHistory();
    });

    it('9. bank B1 files a claim: the calculation trace and the fund claim queue show 750,000.00 capped', async () => {
      await command(
        '/v1/claims',
        BANK,
        { loanId: LOAN1, filedOn: '2026-06-20' },
        { status: 201, id: LOAN1, revision: 0, events: ['ClaimFiled'] },
      );
      const claim = await read(`/v1/claims/${LOAN1}`, BANK);
      expect(claim.etag).toBe('"0"');
      expect(claim.body).toMatchObject({
        claimId: LOAN1,
        loanId: LOAN1,
        bankId: 'B1',
        fundId: 'fund-1',
        status: 'filed',
        principalLoss: '1985000.00',
        outstandingPrincipalAtDefault: '1985000.00',
        cover: {
          policyVersion: 1,
          coverageRatioBps: 4000,
          tier: 1,
          perLoanCap: '750000.00',
          coveredPrincipal: '2000000.00',
        },
        filedBy: 'alice',
        filedOn: '2026-06-20',
        approvals: [],
        payment: null,
      });
      const fund = (await read('/v1/funds/fund-1/dashboard?year=2026', FM1)).body;
      expect(fund.claimQueue).toEqual([
        {
          claimId: LOAN1,
          loanId: LOAN1,
          bankId: 'B1',
          status: 'filed',
          filedOn: '2026-06-20',
          principalLoss: '1985000.00',
          entitlement: { ratioAmount: '794000.00', payout: '750000.00', boundApplied: 'per-loan-cap' },
          approvals: { payout: null, approvalsRequired: null, approvers: [] },
        },
      ]);
      await expectHistory();
    });

    const calculation = {
      policyVersion: 1,
      enrolmentPolicyVersion: 1,
      coverageRatioBps: 4000,
      tier: 1,
      principalLoss: '1985000.00',
      ratioAmount: '794000.00',
      perLoanCap: '750000.00',
      bankAnnualCapRemaining: '5000000.00',
      fundAvailableBalance: '10000000.00',
      payout: '750000.00',
      boundApplied: 'per-loan-cap',
      dualApprovalThreshold: '500000.00',
    };

    it('10. fm1 approves: one of two approvals, with the calculation trace', async () => {
      await command(
        `/v1/claims/${LOAN1}/approvals`,
        FM1,
        { approvedOn: '2026-06-25' },
        { status: 200, id: LOAN1, revision: 1, events: ['ClaimApproved'] },
      );
      const claim = (await read(`/v1/claims/${LOAN1}`, FM1)).body;
      expect(claim).toMatchObject({
        status: 'approving',
        currentRound: { payout: '750000.00', approvalsRequired: 2, approvers: ['fm1'], calculation },
        approvals: [
          {
            filing: 1,
            approvedBy: 'fm1',
            approvedOn: '2026-06-25',
            approvalsRequired: 2,
            approvalsSoFar: 1,
            fullyApproved: false,
            calculation,
          },
        ],
        payment: null,
      });
      const fund = (await read('/v1/funds/fund-1/dashboard?year=2026', FM1)).body;
      expect(fund.claimQueue).toEqual([
        expect.objectContaining({
          claimId: LOAN1,
          status: 'approving',
          approvals: { payout: '750000.00', approvalsRequired: 2, approvers: ['fm1'] },
        }),
      ]);
      await expectHistory();
    });

    it('11. fm2 approves; the claim-payment process manager pays 750,000.00 out of the fund', async () => {
      await command(
        `/v1/claims/${LOAN1}/approvals`,
        FM2,
        { approvedOn: '2026-06-25' },
        { status: 200, id: LOAN1, revision: 2, events: ['ClaimApproved'] },
      );
      const approved = (await read(`/v1/claims/${LOAN1}`, FM1)).body;
      expect(['approved', 'paid']).toContain(approved.status);
      expect(
        approved.approvals.map((approval: Json) => [
          approval.approvedBy,
          approval.approvalsSoFar,
          approval.fullyApproved,
        ]),
      ).toEqual([
        ['fm1', 1, false],
        ['fm2', 2, true],
      ]);

      const paid = await waitFor(`/v1/claims/${LOAN1}`, FM1, (body) => body.status === 'paid', '"3"');
      history.push('CompensationPaid', 'ClaimPaid');
      expect(paid.etag).toBe('"3"');
      expect(paid.body).toMatchObject({
        status: 'paid',
        payment: { amount: '750000.00', paidOn: '2026-06-25' },
        recoveryShares: [],
      });

      const fund = await waitFor('/v1/funds/fund-1/dashboard?year=2026', FM1, (body) => body.paid !== '0.00');
      expect(fund.body).toMatchObject({
        capitalContributed: '10000000.00',
        available: '9250000.00',
        committedExposure: '0.00',
        maximumLiability: '0.00',
        paid: '750000.00',
        recovered: '0.00',
        claimQueue: [],
        banks: [
          expect.objectContaining({
            bankId: 'B1',
            paid: '750000.00',
            paidInYear: '750000.00',
            annualCapRemaining: '4250000.00',
          }),
        ],
      });
      await expectHistory();
      await expectTrialBalance('15570000.00', {
        'bank:B1:cash': '-1215000.00',
        'bank:B1:compensation-income': '-750000.00',
        'bank:B1:interest-income': '-20000.00',
        'bank:B1:loans-receivable': '1985000.00',
        'enterprise:ent-1:cash': '1965000.00',
        'enterprise:ent-1:interest-expense': '20000.00',
        'enterprise:ent-1:loans-payable': '-1985000.00',
        'fund:fund-1:capital': '-10000000.00',
        'fund:fund-1:cash': '9250000.00',
        'fund:fund-1:compensation-expense': '750000.00',
      });
      expect((await read('/v1/banks/B1/portfolio?year=2026', BANK)).body.funds).toEqual([
        expect.objectContaining({ fundId: 'fund-1', capUsed: '750000.00', capLeft: '4250000.00' }),
      ]);
    });

    it('12. bank B1 records patent-1 sold for 300,000.00; the fund gets its share of 113,350.12', async () => {
      await command(
        `/v1/loans/${LOAN1}/recoveries`,
        BANK,
        { amount: '300000.00', source: 'pledge-enforcement', valueDate: '2026-09-01', assetId: 'patent-1' },
        { status: 200, id: LOAN1, revision: 7, events: ['RecoveryRecorded'] },
      );
      const loan = (await read(`/v1/loans/${LOAN1}?asOf=2026-09-01`, BANK)).body;
      expect(loan).toMatchObject({
        status: 'defaulted',
        recoveries: [
          {
            valueDate: '2026-09-01',
            amount: '300000.00',
            costs: '0.00',
            source: 'pledge-enforcement',
            assetId: 'patent-1',
          },
        ],
        totalRecovered: '300000.00',
        writeOff: null,
      });
      // The recovery comes off the 1,985,000.00 outstanding at default, as in the bank portfolio below
      // and the journal's bank:B1:loans-receivable; interest stopped accruing at default.
      expect(loan.position).toMatchObject({
        asOf: '2026-09-01',
        outstandingPrincipal: '1685000.00',
        principalDue: '0.00',
        interestDue: '60000.00',
        daysPastDue: 170,
        bucket: '90+',
      });

      const fund = await waitFor('/v1/funds/fund-1/dashboard?year=2026', FM1, (body) => body.recovered !== '0.00');
      // The pledge-enforcement process manager marks patent-1 sold (PledgeEnforced) while the
      // recovery-sharing one shares the recovery: their events interleave in either order.
      const audit = await waitFor(
        `/v1/audit/events?limit=500&minPosition=${position}`,
        AUDITOR,
        (body) => body.items.length >= history.length + 3,
      );
      const followUps: string[] = audit.body.items.slice(history.length).map((event: Json) => event.type);
      expect([...followUps].sort()).toEqual(['PledgeEnforced', 'RecoveryShareReceived', 'RecoveryShared']);
      expect(followUps.indexOf('RecoveryShared')).toBeLessThan(followUps.indexOf('RecoveryShareReceived'));
      history.push(...followUps);
      expect(fund.body).toMatchObject({
        capitalContributed: '10000000.00',
        available: '9363350.12',
        paid: '750000.00',
        recovered: '113350.12',
        banks: [expect.objectContaining({ bankId: 'B1', recovered: '113350.12' })],
      });
      const claim = (await read(`/v1/claims/${LOAN1}`, FM1)).body;
      expect(claim).toMatchObject({
        status: 'paid',
        recoveryShares: [
          {
            recoveryId: expect.any(String),
            recoveryAmount: '300000.00',
            fundShare: '113350.12',
            cumulativeShared: '113350.12',
            sharedOn: '2026-09-01',
          },
        ],
        cumulativeShared: '113350.12',
      });
      // The sale of pledged patent-1 enforced its pledge: the register shows it disposed, the loan
      // its pledge enforced; patent-2 stays pledged for the defaulted loan.
      const register = (
        await waitFor('/v1/ip-assets?owner=ent-1', BANK, (body) => body.items[0]?.pledgeStatus === 'enforced')
      ).body;
      expect(register.items[0]).toMatchObject({
        ipAssetId: 'patent-1',
        legalStatus: {
          status: 'disposed',
          disposal: { loanId: LOAN1, enforcementDate: '2026-09-01', saleProceeds: '300000.00' },
        },
        pledgeStatus: 'enforced',
        pledge: null,
      });
      expect(register.items[1]).toMatchObject({
        ipAssetId: 'patent-2',
        pledgeStatus: 'pledged',
        pledge: pledgeOf('patent-2'),
      });
      const sold = await waitFor(
        `/v1/loans/${LOAN1}?asOf=2026-09-01`,
        BANK,
        (body) => body.pledgedAssets?.[0]?.status === 'enforced',
      );
      expect(sold.body.pledgedAssets).toEqual([
        expect.objectContaining({
          assetId: 'patent-1',
          status: 'enforced',
          enforcedOn: '2026-09-01',
          saleProceeds: '300000.00',
        }),
        expect.objectContaining({ assetId: 'patent-2', status: 'pledged', enforcedOn: null, saleProceeds: null }),
      ]);
      const portfolio = (await read('/v1/banks/B1/portfolio?year=2026', BANK)).body;
      expect(portfolio.totals).toEqual({ loans: 1, principal: '2000000.00', outstandingPrincipal: '1685000.00' });
      await expectHistory();
      await expectTrialBalance('16396700.24', {
        'bank:B1:cash': '-1028350.12',
        'bank:B1:compensation-income': '-750000.00',
        'bank:B1:interest-income': '-20000.00',
        'bank:B1:loans-receivable': '1685000.00',
        'bank:B1:recovery-share-expense': '113350.12',
        'enterprise:ent-1:cash': '1965000.00',
        'enterprise:ent-1:interest-expense': '20000.00',
        'enterprise:ent-1:loans-payable': '-1685000.00',
        'enterprise:ent-1:settled-by-recovery': '-300000.00',
        'fund:fund-1:capital': '-10000000.00',
        'fund:fund-1:cash': '9363350.12',
        'fund:fund-1:compensation-expense': '750000.00',
        'fund:fund-1:recovery-share-income': '-113350.12',
      });
    });

    it('13. bank B1 writes off the remaining 1,685,000.00', async () => {
      await command(
        `/v1/loans/${LOAN1}/write-off`,
        BANK,
        { valueDate: '2026-12-31' },
        { status: 200, id: LOAN1, revision: 8, events: ['LoanWrittenOff'] },
      );
      const loan = (await read(`/v1/loans/${LOAN1}?asOf=2026-12-31`, BANK)).body;
      expect(loan).toMatchObject({
        status: 'written-off',
        writeOff: { valueDate: '2026-12-31', amount: '1685000.00' },
        totalRecovered: '300000.00',
      });
      // Written off: nothing is owed, as the bank portfolio and the journal show.
      expect(loan.position).toEqual({
        asOf: '2026-12-31',
        outstandingPrincipal: '0.00',
        principalDue: '0.00',
        interestDue: '0.00',
        daysPastDue: 0,
        bucket: 'current',
        nextInstalment: null,
      });

      const portfolio = (await read('/v1/banks/B1/portfolio?year=2026', BANK)).body;
      expect(portfolio.totals).toEqual({ loans: 1, principal: '2000000.00', outstandingPrincipal: '0.00' });
      expect(portfolio.byStatus.find((row: Json) => row.status === 'written-off')).toEqual({
        status: 'written-off',
        loans: 1,
        principal: '2000000.00',
        outstandingPrincipal: '0.00',
      });
      expect(portfolio.badLoans).toEqual({
        basePrincipal: '2000000.00',
        badPrincipal: '2000000.00',
        badLoanRatioBps: 10000,
      });

      const dashboard = (await read('/v1/enterprises/ent-1/dashboard?asOf=2026-12-31', ENTERPRISE)).body;
      expect(dashboard.loans).toEqual([
        expect.objectContaining({
          loanId: LOAN1,
          status: 'written-off',
          outstandingPrincipal: '0.00',
          daysPastDue: 0,
          bucket: 'current',
          nextInstalment: null,
        }),
      ]);
      expect(dashboard.nextInstalmentDue).toBeNull();

      expect((await read('/v1/funds/fund-1/dashboard?year=2026', FM1)).body).toMatchObject({
        available: '9363350.12',
        paid: '750000.00',
        recovered: '113350.12',
      });
      await expectTrialBalance('18081700.24', {
        'bank:B1:cash': '-1028350.12',
        'bank:B1:compensation-income': '-750000.00',
        'bank:B1:interest-income': '-20000.00',
        'bank:B1:loan-losses': '1685000.00',
        'bank:B1:loans-receivable': '0.00',
        'bank:B1:recovery-share-expense': '113350.12',
        'enterprise:ent-1:cash': '1965000.00',
        'enterprise:ent-1:interest-expense': '20000.00',
        'enterprise:ent-1:loans-payable': '-1685000.00',
        'enterprise:ent-1:settled-by-recovery': '-300000.00',
        'fund:fund-1:capital': '-10000000.00',
        'fund:fund-1:cash': '9363350.12',
        'fund:fund-1:compensation-expense': '750000.00',
        'fund:fund-1:recovery-share-income': '-113350.12',
      });
      await expectHistory();
      expect(history).toHaveLength(30);
    });
  },
);
