#!/usr/bin/env bash
# The lifecycle of DESIGN.md driven with curl, from minting tokens to the fund paying a claim and
# getting its share of the recovery: the README's "Walk-through: a claim paid, step by step", run.
#
#   bash scripts/walkthrough.sh                    # against `npm start` (http://127.0.0.1:3000, ./data)
#   BASE_URL=http://127.0.0.1:3917 LEDGER_DATA_DIR=/tmp/wt bash scripts/walkthrough.sh
#
# BASE_URL         the ledger (default http://127.0.0.1:3000)
# LEDGER_DATA_DIR  the server's data dir: tokens are signed with its jwt-secret (default ./data);
#                  or LEDGER_JWT_SECRET when the server has one
# WALKTHROUGH_POLLS  how many times to poll a view before giving up (default 150, 0.2 s apart)
#
# Expects a ledger without these ids yet (bank B1, ent-1, patent-1/2, fund-1): a fresh
# data dir. Needs bash, curl and node (no jq). Exits non-zero at the first unexpected answer.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BASE_URL="${BASE_URL:-http://127.0.0.1:3000}"
BASE_URL="${BASE_URL%/}"
POLLS="${WALKTHROUGH_POLLS:-150}"
# Idempotency keys name the step; the prefix keeps two runs against one server apart.
RUN="${WALKTHROUGH_RUN:-wt-$(date +%s)-$$}"

fail() {
  echo "walkthrough: FAILED: $*" >&2
  exit 1
}

# pick JSON EXPR: evaluates a JavaScript expression over the parsed JSON `j`, prints the result.
pick() {
  node -e '
    const j = JSON.parse(process.argv[1]);
    const v = (0, eval)("(j) => (" + process.argv[2] + ")")(j);
    process.stdout.write(typeof v === "string" ? v : JSON.stringify(v));
  ' "$1" "$2"
}

# --- tokens -------------------------------------------------------------------------------------
MINT="$ROOT/apps/ledger-api/dist/cli/mint-token.js"
if [[ ! -f "$MINT" ]]; then
  echo "building the token minter (npx tsc -b apps/ledger-api) ..."
  npx tsc -b apps/ledger-api
fi
mint() { node "$MINT" "$@" || fail "could not mint a token: node $MINT $*"; }

echo "== tokens (signed with the server's secret, from ${LEDGER_DATA_DIR:-./data}/jwt-secret)"
ADMIN=$(mint --role admin --sub olga)
BANK=$(mint --role bank --bank-id B1 --sub alice)
FM1=$(mint --role fund-manager --sub fm1)
FM2=$(mint --role fund-manager --sub fm2)
AUDITOR=$(mint --role auditor --sub audrey)
echo "   admin olga, bank B1 alice, fund managers fm1 and fm2, auditor audrey"

# --- HTTP ---------------------------------------------------------------------------------------
STATUS=""
BODY=""

# call METHOD PATH TOKEN [BODY] [IDEMPOTENCY-KEY]: sets STATUS and BODY.
call() {
  local method=$1 path=$2 token=$3 body=${4:-} key=${5:-}
  local args=(-sS -o /dev/stdout -w $'\n%{http_code}' -X "$method" -H "Authorization: Bearer $token")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  [[ -n "$key" ]] && args+=(-H "Idempotency-Key: $RUN-$key")
  local out
  out=$(curl "${args[@]}" "$BASE_URL$path") || fail "$method $path: no answer from $BASE_URL"
  STATUS=${out##*$'\n'}
  BODY=${out%$'\n'*}
}

# post KEY EXPECTED PATH TOKEN BODY: a command; dies unless it answers EXPECTED.
# Prints the status and `{ id, revision, position }`; POSITION is kept for ?minPosition=.
POSITION=""
post() {
  local key=$1 expected=$2 path=$3 token=$4 body=$5
  call POST "$path" "$token" "$body" "$key"
  if [[ "$STATUS" != "$expected" ]]; then
    fail "POST $path answered $STATUS, expected $expected: $BODY"
  fi
  local id revision
  read -r id revision POSITION <<<"$(pick "$BODY" '[j.id, j.revision, j.position ?? "-"].join(" ")')"
  printf '   %s POST %-45s id=%s revision=%s position=%s\n' "$STATUS" "$path" "$id" "$revision" "$POSITION"
}

# get PATH TOKEN: a read that must answer 200.
get() {
  call GET "$1" "$2"
  [[ "$STATUS" == 200 ]] || fail "GET $1 answered $STATUS: $BODY"
}

# wait_for WHAT PATH TOKEN CONDITION: polls a GET (bounded) until the JavaScript CONDITION over its
# body `j` holds. For what a process manager does after a command answered: the command's own
# position is not enough there, the process manager's events come after it.
wait_for() {
  local what=$1 path=$2 token=$3 condition=$4 i
  for ((i = 1; i <= POLLS; i++)); do
    call GET "$path" "$token"
    if [[ "$STATUS" == 200 && "$(pick "$BODY" "$condition")" == true ]]; then
      echo "   ... $what (poll $i)"
      return 0
    fi
    sleep 0.2
  done
  fail "waited $POLLS polls for $what: GET $path last answered $STATUS $BODY"
}

call GET /health "$ADMIN"
[[ "$STATUS" == 200 ]] || fail "$BASE_URL/health answered $STATUS: is the ledger running (npm start)?"

# --- 1. the admin registers the parties ---------------------------------------------------------
echo "== 1. admin: bank B1, an enterprise, two patents and their valuations"
post register-bank 201 /v1/banks "$ADMIN" \
  '{"bankId":"B1","name":"Fuzhou Rural Commercial Bank","creditCode":"91440300708461136T"}'
post register-enterprise 201 /v1/enterprises "$ADMIN" \
  '{"enterpriseId":"ent-1","name":"Minjiang Photonics","creditCode":"91350100M000100Y43","region":"Fujian/Fuzhou","size":"small"}'
post register-patent-1 201 /v1/ip-assets "$ADMIN" \
  '{"ipAssetId":"patent-1","kind":"invention-patent","number":"202110345678.3","title":"Tunable laser diode array","ownerEnterpriseIds":["ent-1"],"grantDate":"2023-05-10","expiryDate":"2041-03-01"}'
post value-patent-1 200 /v1/ip-assets/patent-1/valuations "$ADMIN" \
  '{"appraiser":"Fujian Zhongxin Appraisal","value":"1500000.00","valuationDate":"2026-01-05"}'
post register-patent-2 201 /v1/ip-assets "$ADMIN" \
  '{"ipAssetId":"patent-2","kind":"invention-patent","number":"202210567890.9","title":"Optical fibre splice protector","ownerEnterpriseIds":["ent-1"],"grantDate":"2023-05-10","expiryDate":"2041-03-01"}'
post value-patent-2 200 /v1/ip-assets/patent-2/valuations "$ADMIN" \
  '{"appraiser":"Fujian Zhongxin Appraisal","value":"1500000.00","valuationDate":"2026-01-05"}'
get "/v1/ip-assets?owner=ent-1&minPosition=$POSITION" "$BANK"
echo "   the IP register, as the bank sees it: $(pick "$BODY" 'j.items.map((a) => a.ipAssetId + " " + a.pledgeStatus).join(", ")')"

# --- 2. the fund manager sets up the fund -------------------------------------------------------
echo "== 2. fund manager fm1: the fund, its capital, its policy, bank B1 admitted"
post establish-fund 201 /v1/funds "$FM1" \
  '{"fundId":"fund-1","name":"Fujian IP pledge risk fund","establishedOn":"2026-01-01"}'
post contribute 200 /v1/funds/fund-1/contributions "$FM1" \
  '{"contributor":"Fujian provincial finance department","amount":"10000000.00","valueDate":"2026-01-02"}'
post publish-policy 200 /v1/funds/fund-1/policies "$FM1" \
  '{"version":1,"coverageTiers":[{"upToPrincipal":"5000000.00","ratioBps":4000},{"upToPrincipal":"15000000.00","ratioBps":3000},{"upToPrincipal":"30000000.00","ratioBps":2000}],"perLoanCap":"750000.00","perBankAnnualCap":"5000000.00","defaultThresholdDays":90,"bankSuspensionBadLoanRatioBps":5000,"eligibleEnterpriseSizes":["micro","small"],"eligibleCertifications":[],"maxLoanPrincipal":"30000000.00","dualApprovalThreshold":"500000.00","effectiveFrom":"2026-01-01"}'
post admit-bank 200 /v1/funds/fund-1/banks "$FM1" '{"bankId":"B1","admittedOn":"2026-01-03"}'
get "/v1/funds/fund-1/dashboard?minPosition=$POSITION" "$FM1"
echo "   fund-1: capital $(pick "$BODY" 'j.capitalContributed'), available $(pick "$BODY" 'j.available')"

# --- 3. the bank lends against both patents -----------------------------------------------------
echo "== 3. bank B1: a loan of 2,000,000.00 pledging both patents, disbursed once the pledges are secured"
post originate-loan 201 /v1/loans "$BANK" \
  '{"enterpriseId":"ent-1","principal":"2000000.00","annualRateBps":1200,"termMonths":12,"repaymentMethod":"bullet","originationDate":"2026-01-10","pledges":[{"assetId":"patent-1","registrationNumber":"Y2026-patent-1","consentingOwnerIds":[]},{"assetId":"patent-2","registrationNumber":"Y2026-patent-2","consentingOwnerIds":[]}]}'
# The server names the loan (its id is the answer's `id`; a client never chooses it).
LOAN=$(pick "$BODY" 'j.id')
echo "   the loan's id: $LOAN"
# The pledging process manager registers a pledge on each patent, then marks the loan's pledges
# secured: events after the one the origination returned. Disbursing before is 409
# LOAN.PLEDGES_NOT_SECURED, so wait for the loan to read `pledges-secured`.
wait_for "the pledges are secured" "/v1/loans/$LOAN" "$BANK" 'j.status === "pledges-secured"'
post disburse 200 "/v1/loans/$LOAN/disbursements" "$BANK" '{"valueDate":"2026-01-15"}'

# --- 4. the fund covers the loan ----------------------------------------------------------------
echo "== 4. fund manager fm1: the loan enrolled in the fund"
post enrol-loan 200 /v1/funds/fund-1/enrolments "$FM1" '{"loanId":"'"$LOAN"'","enrolledOn":"2026-01-20"}'
# The fund-coverage process manager records the cover on the loan itself (its default threshold
# comes from the policy from then on).
wait_for "the loan carries the fund's cover" "/v1/loans/$LOAN" "$BANK" 'j.fundCoverage?.recordedOnLoan === true'
echo "   cover: $(pick "$BODY" 'j.fundCoverage.coverageRatioBps / 100 + " % of " + j.fundCoverage.coveredPrincipal')"

# --- 5. repayment, arrears, default, claim ------------------------------------------------------
echo "== 5. bank B1: a repayment, 90+ days past due, default, a claim"
post repay 200 "/v1/loans/$LOAN/repayments" "$BANK" '{"amount":"35000.00","valueDate":"2026-02-15"}'
post assess 200 "/v1/loans/$LOAN/delinquency-assessments" "$BANK" '{"asOf":"2026-06-14"}'
post default 200 "/v1/loans/$LOAN/default" "$BANK" '{"asOf":"2026-06-14"}'
get "/v1/loans/$LOAN?minPosition=$POSITION" "$BANK"
echo "   the loan $(pick "$BODY" 'j.status'): $(pick "$BODY" 'j.default.daysPastDue') days past due, outstanding principal at default $(pick "$BODY" 'j.default.outstandingPrincipal')"
post file-claim 201 /v1/claims "$BANK" '{"loanId":"'"$LOAN"'","filedOn":"2026-06-20"}'
CLAIM=$(pick "$BODY" 'j.id')

# --- 6. two fund managers approve, the fund pays -------------------------------------------------
echo "== 6. fund managers fm1 and fm2 approve claim $CLAIM; the fund pays"
post approve-fm1 200 "/v1/claims/$CLAIM/approvals" "$FM1" '{"approvedOn":"2026-06-25"}'
get "/v1/claims/$CLAIM?minPosition=$POSITION" "$FM1"
echo "   after fm1: $(pick "$BODY" 'j.status'), payout $(pick "$BODY" 'j.currentRound.payout') needs $(pick "$BODY" 'j.currentRound.approvalsRequired') approvals (above the dual-approval threshold)"
post approve-fm2 200 "/v1/claims/$CLAIM/approvals" "$FM2" '{"approvedOn":"2026-06-25"}'
# The claim-payment process manager pays a fully approved claim out of the fund (CompensationPaid
# on the fund, ClaimPaid on the claim). POST /v1/claims/{id}/payouts does the same on demand.
wait_for "the claim is paid" "/v1/claims/$CLAIM" "$FM1" 'j.status === "paid"'
CLAIM_PAID=$(pick "$BODY" 'j.payment.amount')
echo "   claim paid: $(pick "$BODY" 'j.payment.amount') on $(pick "$BODY" 'j.payment.paidOn') (principal loss $(pick "$BODY" 'j.principalLoss'))"
wait_for "the fund dashboard shows the payout" /v1/funds/fund-1/dashboard "$FM1" 'j.paid !== "0.00"'
echo "   fund after payout: available $(pick "$BODY" 'j.available'), paid $(pick "$BODY" 'j.paid')"

# --- 7. recovery, the fund's share, write-off ----------------------------------------------------
echo "== 7. bank B1: patent-1 sold for 300,000.00; the fund gets its share; the loan written off"
post recover 200 "/v1/loans/$LOAN/recoveries" "$BANK" \
  '{"amount":"300000.00","source":"pledge-enforcement","valueDate":"2026-09-01","assetId":"patent-1"}'
# The recovery-sharing process manager shares the recovery on the claim and pays the fund back
# its part (RecoveryShared, RecoveryShareReceived).
wait_for "the fund receives its recovery share" /v1/funds/fund-1/dashboard "$FM1" 'j.recovered !== "0.00"'
echo "   fund after recovery: available $(pick "$BODY" 'j.available'), recovered $(pick "$BODY" 'j.recovered')"
# The pledge-enforcement process manager marks the patent sold on the asset itself (PledgeEnforced):
# the IP register and the loan show its pledge enforced.
wait_for "patent-1 is marked sold" /v1/ip-assets/patent-1 "$BANK" 'j.pledgeStatus === "enforced"'
echo "   patent-1 $(pick "$BODY" 'j.pledgeStatus'): $(pick "$BODY" 'j.legalStatus.status') on $(pick "$BODY" 'j.legalStatus.disposal.enforcementDate') for $(pick "$BODY" 'j.legalStatus.disposal.saleProceeds')"
post write-off 200 "/v1/loans/$LOAN/write-off" "$BANK" '{"valueDate":"2026-12-31"}'
get "/v1/loans/$LOAN?minPosition=$POSITION" "$BANK"
echo "   the loan $(pick "$BODY" 'j.status'), written off $(pick "$BODY" 'j.writeOff.amount')"

# --- 8. the auditor reads the history -----------------------------------------------------------
echo "== 8. auditor: the whole history"
get "/v1/audit/events?limit=500" "$AUDITOR"
echo "   $(pick "$BODY" 'j.items.length') events: $(pick "$BODY" 'j.items.map((e) => e.type).join(" ")')"
get "/v1/audit/streams/claim-$CLAIM" "$AUDITOR"
echo "   stream claim-$CLAIM: $(pick "$BODY" 'j.items.map((e) => e.revision + " " + e.type + " by " + e.metadata.actor.sub).join(", ")')"

get /v1/funds/fund-1/dashboard "$AUDITOR"
echo "walkthrough: done. claim paid $CLAIM_PAID; recovery share $(pick "$BODY" 'j.recovered'); fund available $(pick "$BODY" 'j.available')"
