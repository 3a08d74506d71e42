// The sample backend's HTTP API, as a PowerSync connector calls it.
const TIMEOUT_MS = 30_000;

export class Backend {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.tokens = new Map();
  }

  get keysUrl() {
    return new URL(`${this.baseUrl}/api/auth/keys`);
  }

  async get(path, headers = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  // GET /api/auth/token?user_id= (development mode): what a demo connector's fetchCredentials() does.
  async fetchToken(userId) {
    const response = await this.get(`/api/auth/token?user_id=${encodeURIComponent(userId)}`);
    if (response.status !== 200) {
      throw new Error(`GET /api/auth/token?user_id=${userId} answered ${response.status}: ${response.text}`);
    }
    return { ...JSON.parse(response.text), cacheControl: response.headers.get('cache-control') };
  }

  async tokenFor(userId) {
    if (!this.tokens.has(userId)) {
      this.tokens.set(userId, (await this.fetchToken(userId)).token);
    }
    return this.tokens.get(userId);
  }

  // POST /api/data, as uploadData() does. authorization: the whole header value, or null for none.
  async upload(body, { authorization, clientId } = {}) {
    const headers = { 'content-type': 'application/json' };
    if (authorization) headers.authorization = authorization;
    if (clientId) headers['powersync-client-id'] = clientId;
    const response = await fetch(`${this.baseUrl}/api/data`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS)
    });
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: the checks report the text
    }
    return { status: response.status, headers: response.headers, text, json };
  }
}
