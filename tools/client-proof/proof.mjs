// Proves the sample backend (samples/PowerSync.Backend.Sample) with the real PowerSync client.
//
//   node proof.mjs <backend url>        for example: node proof.mjs http://localhost:6060
//
// Environment: POWERSYNC_PROOF_DATABASE (the backend's PostgreSQL, postgres:// URL or Npgsql connection string; default:
// the database ./scripts/run.sh uses), POWERSYNC_PROOF_AUDIENCE (default powersync), POWERSYNC_PROOF_SIGNING_KEY (the
// backend's private JWK file, optional). The backend must run in development mode (tokens from ?user_id=).
//
// 1. Tokens from /api/auth/token verify with jose against /api/auth/keys by the PowerSync Service's rules.
// 2. Missing, tampered, expired, wrong-audience, unknown-kid and alg:none tokens get 401 from the upload endpoint.
// 3. Several @powersync/node clients of two users write locally (inserts, updates to NULL, deletes, multi-statement
//    transactions), upload their queues in the reference and the classic shape, lose some answers and re-send, and
//    complete only what the backend processed. PostgreSQL then holds each client's local rows, every write was
//    applied exactly once (audit trigger, ledger, dead letters), and the backend's rules refused what they should.
//
// Ends with "client-proof: N checks passed", or "client-proof: FAILED …" and exit code 1.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from './lib/backend.mjs';
import { readConfig } from './lib/config.mjs';
import { ProofDatabase } from './lib/database.mjs';
import { passedCount, ProofFailure } from './lib/report.mjs';
import { runScenario } from './lib/scenario.mjs';
import { refuseBadTokens, verifyIssuedTokens } from './lib/tokens.mjs';

const TIME_LIMIT_MS = 150_000;

async function main() {
  const config = readConfig();
  const runId = crypto.randomBytes(4).toString('hex');
  const users = { alice: `alice-${runId}`, bob: `bob-${runId}` };
  const backend = new Backend(config.baseUrl);
  console.log(`client-proof: backend ${config.baseUrl}, run ${runId}`);

  const health = await backend.get('/health');
  if (health.status !== 200) throw new ProofFailure(`GET /health answered ${health.status}: ${health.text}`);

  const jwks = await verifyIssuedTokens(backend, config, [users.alice, users.bob, `carol-${runId}`]);
  await refuseBadTokens(backend, config, jwks, users.alice);

  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'powersync-client-proof-'));
  const database = await ProofDatabase.connect(config.database, runId);
  try {
    await database.startAudit();
    await runScenario({ backend, database, directory, users, config });
  } finally {
    await database.stopAudit().catch((error) => console.error(`client-proof: could not remove the audit trigger: ${error.message}`));
    await database.close();
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

const timer = setTimeout(() => {
  console.error(`client-proof: FAILED — still running after ${TIME_LIMIT_MS / 1000} s (${passedCount()} checks passed before)`);
  process.exit(1);
}, TIME_LIMIT_MS);
timer.unref();

try {
  await main();
  console.log(`\nclient-proof: ${passedCount()} checks passed`);
  process.exit(0);
} catch (error) {
  const what = error instanceof ProofFailure ? error.message : (error.stack ?? String(error));
  console.error(`\nclient-proof: FAILED — ${what}`);
  console.error(`client-proof: ${passedCount()} checks passed before the failure`);
  process.exit(1);
}
