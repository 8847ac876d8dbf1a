#!/usr/bin/env bash
# Makes sure the PostgreSQL the tests use (LEDGER_TEST_PG_URL) is up; starts the local cluster if not.
set -euo pipefail
url="${LEDGER_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"

if pg_isready -d "$url" -t 2 >/dev/null 2>&1; then
  echo "PostgreSQL is up ($url)"
  exit 0
fi

if command -v pg_lsclusters >/dev/null 2>&1; then
  version=$(pg_lsclusters -h | awk 'NR==1 {print $1}')
  cluster=$(pg_lsclusters -h | awk 'NR==1 {print $2}')
  if [ -n "$version" ]; then
    echo "Starting PostgreSQL cluster $version/$cluster"
    # Exit code 2 means "already running": that is fine.
    pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start || [ $? -eq 2 ]
  fi
fi

if ! pg_isready -d "$url" -t 30; then
  echo "PostgreSQL is not reachable at $url (set LEDGER_TEST_PG_URL, or start it: pg_ctlcluster --skip-systemctl-redirect 15 main start)" >&2
  exit 1
fi
echo "PostgreSQL is up ($url)"
