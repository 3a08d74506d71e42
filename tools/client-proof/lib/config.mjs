// What the proof runs against. The backend URL is the first argument (or POWERSYNC_PROOF_URL); the rest comes from the
// environment, with defaults that match ./scripts/run.sh.
export function readConfig(argv = process.argv.slice(2), env = process.env) {
  const url = argv[0] ?? env.POWERSYNC_PROOF_URL;
  if (!url) {
    throw new Error('usage: node proof.mjs <backend url> (for example http://localhost:6060); see README.md');
  }
  return {
    baseUrl: url.replace(/\/+$/, ''),
    database: parseConnection(
      env.POWERSYNC_PROOF_DATABASE ?? 'Host=127.0.0.1;Port=54329;Username=powersync;Password=powersync;Database=powersync_sample'
    ),
    audience: env.POWERSYNC_PROOF_AUDIENCE ?? 'powersync',
    // The backend's private signing key (a JWK file, such as the development key): optional. With it the proof also
    // signs tokens that are correct but for one rule (expired, wrong audience, …) with the real key.
    signingKeyFile: env.POWERSYNC_PROOF_SIGNING_KEY || null,
    // Runs the probe for a classic batch that splits a client transaction (see README.md, "Known issue").
    splitBatchProbe: env.POWERSYNC_PROOF_SPLIT_BATCH !== '0'
  };
}

// Accepts a postgres:// URL or an Npgsql connection string (Host=…;Port=…;Username=…;Password=…;Database=…).
export function parseConnection(text) {
  if (/^postgres(ql)?:\/\//.test(text)) {
    return { connectionString: text };
  }
  const keys = {
    host: 'host', server: 'host', port: 'port', database: 'database', db: 'database',
    username: 'user', 'user id': 'user', userid: 'user', user: 'user', password: 'password', pwd: 'password'
  };
  const config = {};
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const key = keys[part.slice(0, at).trim().toLowerCase()];
    if (key) config[key] = part.slice(at + 1).trim();
  }
  if (config.port) config.port = Number(config.port);
  return config;
}
