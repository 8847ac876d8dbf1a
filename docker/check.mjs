/* global console, process, fetch, setTimeout */
// `npm run docker:check`: what can be checked of docker/ without a Docker engine.
//
// 1. compose.yml parses, and each ledger service runs a program the build produces
//    (apps/*/dist/main.js after `tsc -b`), probes /health/ready on the port it listens on, and the
//    API leaves projections to a projector service on the same stores.
// 2. The Dockerfile is multi-stage, its runtime stage runs as a user other than root, copies every
//    workspace's package.json before `npm ci`, and its CMD is the API's built entry point.
// 3. The image's CMD and the projector's command, run here exactly as written with compose's
//    environment adapted to local services (PostgreSQL for both stores: no KurrentDB here), both
//    answer 200 on /health/ready, then stop on SIGTERM with exit code 0.
// With a Docker engine, `docker compose -f docker/compose.yml up --build` is the real check.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_URL = process.env.LEDGER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
};

function dockerEngine() {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'pipe' });
    return 'a Docker engine answers: also run `docker compose -f docker/compose.yml up --build`';
  } catch (error) {
    const said = `${error.stderr ?? error.message}`.trim().split('\n').pop();
    return `no Docker engine here (${said}): images cannot be built or run, so the checks below stand in`;
  }
}

/** `${NAME:-default}` as compose resolves it from this environment. */
function interpolate(value) {
  return String(value).replace(
    /\$\{(\w+)(?::-([^}]*))?\}/g,
    (_, name, fallback) => process.env[name] ?? fallback ?? '',
  );
}

function dockerfileStages(text) {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim());
  const stages = [];
  for (const line of lines) {
    if (/^FROM\s/i.test(line)) stages.push([]);
    if (line && !line.startsWith('#') && stages.length > 0) stages[stages.length - 1].push(line);
  }
  return stages;
}

function jsonArray(line, instruction) {
  return JSON.parse(line.slice(instruction.length).trim());
}

function workspaces() {
  const { workspaces: globs } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return globs.flatMap((glob) => {
    const dir = glob.replace(/\/\*$/, '');
    return fs
      .readdirSync(path.join(ROOT, dir))
      .filter((name) => fs.existsSync(path.join(ROOT, dir, name, 'package.json')))
      .map((name) => `${dir}/${name}`);
  });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function pg(sql) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs `command` as the image would (cwd = the repository root for /app) and waits for readiness. */
async function runUntilReady(name, command, env, readyUrl) {
  const child = spawn(command[0] === 'node' ? process.execPath : command[0], command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  let status = 0;
  while (Date.now() < deadline && child.exitCode === null) {
    status = await fetch(readyUrl).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  check(status === 200, `${name}: \`${command.join(' ')}\` answers 200 on ${readyUrl}`);
  if (status !== 200) console.log(output);
  return {
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      check(code === 0, `${name}: stops on SIGTERM with exit code 0 (got ${code})`);
    },
  };
}

async function main() {
  console.log(dockerEngine());
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'apps/ledger-api', 'apps/projector'], {
    cwd: ROOT,
    stdio: 'inherit',
  });

  // The Dockerfile.
  const stages = dockerfileStages(fs.readFileSync(path.join(ROOT, 'docker/Dockerfile'), 'utf8'));
  check(stages.length >= 2, `Dockerfile is multi-stage (${stages.length} stages)`);
  const runtime = stages[stages.length - 1] ?? [];
  const user = runtime
    .filter((line) => /^USER\s/i.test(line))
    .pop()
    ?.split(/\s+/)[1];
  check(user !== undefined && user !== 'root' && user !== '0', `the runtime stage runs as a non-root user (${user})`);
  const copies = stages[0].filter((line) => /^COPY\s/i.test(line)).join('\n');
  for (const workspace of workspaces()) {
    check(
      copies.includes(`${workspace}/package.json`),
      `the build stage copies ${workspace}/package.json before npm ci`,
    );
  }
  const cmdLine = runtime.filter((line) => /^CMD\s/i.test(line)).pop();
  const cmd = cmdLine ? jsonArray(cmdLine, 'CMD') : [];
  check(
    cmd[0] === 'node' && fs.existsSync(path.join(ROOT, cmd[1] ?? '-')),
    `CMD ${JSON.stringify(cmd)} starts a built file`,
  );

  // compose.yml.
  let yaml;
  try {
    yaml = require('js-yaml');
  } catch {
    check(false, 'js-yaml is needed to parse compose.yml (it comes with eslint: run npm ci)');
    return;
  }
  const compose = yaml.load(fs.readFileSync(path.join(ROOT, 'docker/compose.yml'), 'utf8'));
  const ledger = Object.entries(compose.services).filter(
    ([, service]) => service.build || service.image === compose.services['ledger-api']?.image,
  );
  const byProgram = {};
  for (const [name, service] of ledger) {
    const command = service.command ?? cmd;
    const file = command[1];
    check(
      command[0] === 'node' && fs.existsSync(path.join(ROOT, file)),
      `${name}: runs ${file}, which the build produces`,
    );
    byProgram[file] = { name, service, command };
    const env = service.environment ?? {};
    const port = file.includes('projector') ? env.LEDGER_PROJECTOR_HEALTH_PORT : (env.PORT ?? '3000');
    const probe = JSON.stringify(service.healthcheck?.test ?? []);
    check(
      port !== undefined && probe.includes(`:${port}/health/ready`),
      `${name}: its healthcheck asks /health/ready on its port ${port}`,
    );
  }
  const api = byProgram['apps/ledger-api/dist/main.js'];
  const projector = byProgram['apps/projector/dist/main.js'];
  check(api !== undefined && projector !== undefined, 'compose runs the API and the projector');
  if (!api || !projector) return;
  check(api.service.environment.LEDGER_PROJECTIONS === 'off', 'the API runs with LEDGER_PROJECTIONS=off');
  for (const setting of ['LEDGER_EVENT_STORE', 'LEDGER_READ_STORE']) {
    check(
      api.service.environment[setting] === projector.service.environment[setting],
      `the API and the projector share ${setting}`,
    );
  }

  // Run both as the image would, on local PostgreSQL.
  const schemas = ['events', 'reads'].map((s) => `docker_check_${s}_${randomBytes(4).toString('hex')}`);
  for (const schema of schemas) await pg(`CREATE SCHEMA "${schema}"`);
  const local = {
    LEDGER_EVENT_STORE: `${PG_URL}?schema=${schemas[0]}`,
    LEDGER_READ_STORE: `${PG_URL}?schema=${schemas[1]}`,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  const running = [];
  try {
    const apiEnv = Object.fromEntries(Object.entries(api.service.environment).map(([k, v]) => [k, interpolate(v)]));
    const apiPort = String(await freePort());
    running.push(
      await runUntilReady(
        'ledger-api',
        cmd,
        { ...apiEnv, ...local, PORT: apiPort },
        `http://127.0.0.1:${apiPort}/health/ready`,
      ),
    );
    const projectorEnv = Object.fromEntries(
      Object.entries(projector.service.environment).map(([k, v]) => [k, interpolate(v)]),
    );
    const healthPort = String(await freePort());
    running.push(
      await runUntilReady(
        'ledger-projector',
        projector.command,
        { ...projectorEnv, ...local, LEDGER_PROJECTOR_HEALTH_PORT: healthPort },
        `http://127.0.0.1:${healthPort}/health/ready`,
      ),
    );
  } finally {
    for (const program of running.reverse()) await program.stop();
    for (const schema of schemas) await pg(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
}

main().then(
  () => {
    console.log(problems.length === 0 ? 'docker:check passed' : `docker:check FAILED: ${problems.length} problem(s)`);
    process.exit(problems.length === 0 ? 0 : 1);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
