// Tokens: the backend's tokens verified with jose by the PowerSync Service's rules, and forged or broken tokens refused
// by the upload endpoint with 401.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { base64url, createRemoteJWKSet, decodeProtectedHeader, generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose';
import { check, checkEqual, note, section } from './report.mjs';

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];
const MAX_LIFETIME = 86_400;
const CLOCK_TOLERANCE = 60;

// (a) Tokens from /api/auth/token, verified against /api/auth/keys as the PowerSync Service would.
export async function verifyIssuedTokens(backend, config, users) {
  section('tokens from /api/auth/token, verified with jose against /api/auth/keys');
  const keys = await backend.get('/api/auth/keys');
  checkEqual('GET /api/auth/keys answers 200', keys.status, 200);
  const jwks = JSON.parse(keys.text);
  check('the JWKS publishes at least one key', Array.isArray(jwks.keys) && jwks.keys.length > 0, jwks);
  for (const key of jwks.keys) {
    check(`JWKS key ${key.kid} is public: no private or symmetric members`, PRIVATE_MEMBERS.every((m) => !(m in key)) && key.kty !== 'oct', key);
    check(`JWKS key ${key.kid} has kty, kid, alg and use "sig"`, Boolean(key.kty && key.kid && key.alg) && key.use === 'sig', key);
  }

  const remote = createRemoteJWKSet(backend.keysUrl);
  const now = Math.floor(Date.now() / 1000);
  for (const user of users) {
    const issued = await backend.fetchToken(user);
    check(`token for ${user}: answered with token, powersync_url and expires_at, not cacheable`,
      typeof issued.token === 'string' && 'powersync_url' in issued && typeof issued.expires_at === 'string' && issued.cacheControl === 'no-store',
      issued);
    const header = decodeProtectedHeader(issued.token);
    const key = jwks.keys.find((k) => k.kid === header.kid);
    check(`token for ${user}: its kid ${header.kid} names a JWKS key`, key !== undefined);
    checkEqual(`token for ${user}: its alg is the key's`, header.alg, key.alg);
    const { payload } = await jwtVerify(issued.token, remote, {
      audience: config.audience,
      algorithms: ASYMMETRIC,
      clockTolerance: CLOCK_TOLERANCE,
      requiredClaims: ['sub', 'iat', 'exp', 'aud']
    });
    check(`token for ${user}: signature, aud "${config.audience}" and times verify with jose`, true);
    checkEqual(`token for ${user}: sub is the user`, payload.sub, user);
    check(`token for ${user}: 0 < exp - iat <= ${MAX_LIFETIME}`, payload.exp - payload.iat > 0 && payload.exp - payload.iat <= MAX_LIFETIME, payload);
    check(`token for ${user}: iat is now`, Math.abs(payload.iat - now) <= CLOCK_TOLERANCE, payload);
    checkEqual(`token for ${user}: expires_at is exp`, Date.parse(issued.expires_at) / 1000, payload.exp);
  }
  return jwks;
}

// (b) Every token the service would refuse is refused by the upload endpoint with 401; valid ones are accepted.
export async function refuseBadTokens(backend, config, jwks, user) {
  section('tokens the upload endpoint must refuse with 401');
  const valid = await backend.tokenFor(user);
  const serverKid = decodeProtectedHeader(valid).kid;
  const publicJwk = jwks.keys.find((k) => k.kid === serverKid);
  // Deleting a row that does not exist: accepted by a valid token, and writes nothing.
  const body = { transactions: [{ transaction_id: 1, crud: [{ op: 'DELETE', table: 'lists', id: crypto.randomUUID() }] }] };
  const now = Math.floor(Date.now() / 1000);
  const claims = (extra = {}) => ({ sub: user, aud: config.audience, iat: now, exp: now + 300, ...extra });

  const expectStatus = async (name, authorization, status) => {
    const response = await backend.upload(body, { authorization });
    checkEqual(`${name}: ${status}`, response.status, status);
  };

  await expectStatus('valid token (Bearer)', `Bearer ${valid}`, 200);
  await expectStatus('valid token (Token scheme, as the PowerSync Service accepts)', `Token ${valid}`, 200);
  await expectStatus('missing token', null, 401);
  await expectStatus('not a JWT', 'Bearer not-a-token', 401);

  // The server's own tokens, changed: the signature no longer matches.
  const [header, payload, signature] = valid.split('.');
  const json = (part) => JSON.parse(new TextDecoder().decode(base64url.decode(part)));
  const encode = (value) => base64url.encode(JSON.stringify(value));
  await expectStatus('tampered: a valid token with its sub changed', `Bearer ${header}.${encode({ ...json(payload), sub: 'mallory' })}.${signature}`, 401);
  await expectStatus('tampered: a valid token with exp pushed back', `Bearer ${header}.${encode({ ...json(payload), exp: json(payload).exp + 3600 })}.${signature}`, 401);
  await expectStatus('tampered: a valid token with its signature cut', `Bearer ${header}.${payload}.${signature.slice(0, -8)}`, 401);
  await expectStatus('alg none: a valid token re-headed {alg: none} without signature', `Bearer ${encode({ ...json(header), alg: 'none' })}.${payload}.`, 401);
  await expectStatus('alg none: a fresh unsigned token', `Bearer ${encode({ alg: 'none', typ: 'JWT', kid: serverKid })}.${encode(claims())}.`, 401);

  // Signed with a key of our own: the backend must not trust it, whatever the header says.
  const { privateKey } = await generateKeyPair('RS256');
  const forge = (payloadClaims, kid) => new SignJWT(payloadClaims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey);
  await expectStatus('unknown kid (a key of our own)', `Bearer ${await forge(claims(), 'client-proof-unknown-kid')}`, 401);
  await expectStatus('the server\'s kid, signed with another key', `Bearer ${await forge(claims(), serverKid)}`, 401);
  await expectStatus('expired, signed with another key', `Bearer ${await forge(claims({ iat: now - 7200, exp: now - 3600 }), serverKid)}`, 401);
  await expectStatus('wrong audience, signed with another key', `Bearer ${await forge(claims({ aud: 'someone-else' }), serverKid)}`, 401);
  const confused = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: serverKid, typ: 'JWT' })
    .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
  await expectStatus('algorithm confusion: HS256 keyed with the server\'s public key', `Bearer ${confused}`, 401);

  if (!config.signingKeyFile) {
    note('POWERSYNC_PROOF_SIGNING_KEY not set: skipping the rule checks signed with the backend\'s own key');
    return;
  }

  // Signed with the backend's real key, correct but for one rule: the rule itself is enforced, not only the signature.
  const jwk = JSON.parse(fs.readFileSync(config.signingKeyFile, 'utf8'));
  const realKey = await importJWK(jwk, jwk.alg);
  const sign = (payloadClaims) => new SignJWT(payloadClaims).setProtectedHeader({ alg: jwk.alg, kid: jwk.kid, typ: 'JWT' }).sign(realKey);
  await expectStatus('real key, correct claims (control: the forgeries below fail for their one rule)', `Bearer ${await sign(claims())}`, 200);
  await expectStatus('real key, expired', `Bearer ${await sign(claims({ iat: now - 7200, exp: now - 3600 }))}`, 401);
  await expectStatus('real key, wrong audience', `Bearer ${await sign(claims({ aud: 'someone-else' }))}`, 401);
  await expectStatus('real key, exp - iat over 86400 s', `Bearer ${await sign(claims({ exp: now + MAX_LIFETIME + 600 }))}`, 401);
  await expectStatus('real key, issued in the future', `Bearer ${await sign(claims({ iat: now + 3600, exp: now + 3900 }))}`, 401);
  await expectStatus('real key, no sub', `Bearer ${await sign((({ sub, ...rest }) => rest)(claims()))}`, 401);
  await expectStatus('real key, unknown kid', `Bearer ${await new SignJWT(claims()).setProtectedHeader({ alg: jwk.alg, kid: 'client-proof-unknown-kid' }).sign(realKey)}`, 401);
}
