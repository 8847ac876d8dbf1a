// Jest globalSetup of the e2e project: the e2e tests start the built server, projector and CLI (apps/*/dist),
// so make sure the build is current. `tsc -b` is incremental: a no-op when nothing changed.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function buildOnce() {
  const root = path.resolve(__dirname, '../..');
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-b', 'apps/ledger-api', 'apps/projector', 'apps/ledger-cli'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
};
