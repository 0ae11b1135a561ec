// The OpenID Provider the tests sign in through: npm's oidc-provider (pinned in package.json),
// started and stopped by scripts/oidc-provider.sh. Never a service of the machine: it listens on
// 127.0.0.1 only, on ports the kernel picks, and keeps everything under its folder.
//
//   node provider.mjs DIR
//
// DIR must hold tls/server.key and tls/server.crt (a certificate for 127.0.0.1 signed by the test
// CA the script makes). The provider runs two issuers, "primary" and "other", each a Provider of
// its own on its own HTTPS port with its own signing keys, so a test can show that a token from an
// issuer it does not trust is refused. Each has one confidential client (client_secret_basic,
// authorization code, redirect URI never contacted) and the built-in sign-in and consent forms.
//
// Files under DIR (created when missing):
//   users.json          accounts, re-read at every look-up: { "<sub>": { "email": ..., "email_verified":
//                       true, "name": ..., "preferred_username": ..., "groups": [...],
//                       "idTokenTtl": <seconds, optional> } }
//   keys-<issuer>.json  the private signing keys (RS256 and ES256, each with a kid), newest first
//   env                 written once both issuers answer: what a test needs to reach them
//
// A control server on 127.0.0.1 (plain HTTP; the tests' harness only) changes what cannot be
// changed through a file without a restart:
//   POST /rotate?issuer=primary&keepOld=1   new RS256 and ES256 keys first in the JWKS (the old ones
//                                           kept after them, or dropped with keepOld=0); the issuer's
//                                           Provider is rebuilt with them, the process keeps running
//   POST /algorithm?issuer=primary&alg=ES256  the algorithm of the ID tokens the client gets
//   GET  /state                             issuers, their kids (signing order) and algorithms
// SIGHUP rotates the keys of every issuer (keeping the old ones).

import { randomBytes, generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';

import Provider from 'oidc-provider';

const DIR = path.resolve(process.argv[2] || '.');
const USERS_FILE = path.join(DIR, 'users.json');
const ENV_FILE = path.join(DIR, 'env');
const CA_FILE = path.join(DIR, 'tls', 'ca.crt');
const REDIRECT_URI = 'https://127.0.0.1/callback';
const ISSUER_NAMES = ['primary', 'other'];
const ALGORITHMS = ['RS256', 'ES256'];

function log(message) {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}

function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
}

function readJson(file, fallback) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return fallback;
    throw error;
  }
}

// Accounts: the file the tests change, read again at each look-up so a change applies to the next
// sign-in (an unreadable file, e.g. caught half-written by a writer that does not rename, counts as
// no accounts for that one look-up).
const DEFAULT_USERS = {
  alice: {
    email: 'alice@example.com',
    email_verified: true,
    name: 'Alice Example',
    preferred_username: 'alice',
    groups: ['eng-admins'],
  },
  bob: {
    email: 'bob@example.com',
    email_verified: true,
    name: 'Bob Example',
    preferred_username: 'bob',
    groups: ['labelers'],
  },
};

function users() {
  try {
    return readJson(USERS_FILE, {});
  } catch (error) {
    log(`users: ${error.message}`);
    return {};
  }
}

function findUser(sub) {
  const all = users();
  return Object.prototype.hasOwnProperty.call(all, sub) ? all[sub] : undefined;
}

async function findAccount(ctx, sub) {
  const user = findUser(sub);
  if (!user) return undefined;
  return {
    accountId: sub,
    async claims() {
      const claims = { sub };
      for (const name of ['email', 'email_verified', 'name', 'preferred_username', 'groups']) {
        if (user[name] !== undefined) claims[name] = user[name];
      }
      return claims;
    },
  };
}

// Keys: per issuer a file of private JWKs, the ones to sign with first.
function newKeys(issuer, generation) {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: `${issuer}-rs256-${generation}`, alg: 'RS256', use: 'sig' },
    { ...ec, kid: `${issuer}-es256-${generation}`, alg: 'ES256', use: 'sig' },
  ];
}

function keysFile(issuer) {
  return path.join(DIR, `keys-${issuer}.json`);
}

function loadKeys(issuer) {
  const stored = readJson(keysFile(issuer), null);
  if (stored && Array.isArray(stored.keys) && stored.keys.length > 0) return stored;
  const fresh = { generation: 1, keys: newKeys(issuer, 1) };
  writeAtomically(keysFile(issuer), JSON.stringify(fresh, null, 2));
  return fresh;
}

const COOKIE_KEYS = [randomBytes(32).toString('hex')];

function buildProvider(state) {
  const configuration = {
    clients: [{
      client_id: state.clientId,
      client_secret: state.clientSecret,
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: [REDIRECT_URI],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      id_token_signed_response_alg: state.algorithm,
    }],
    jwks: { keys: state.keys.keys },
    findAccount,
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
      groups: ['groups'],
    },
    // The ID token carries the claims of the scopes granted (the plugin reads them from it).
    conformIdTokenClaims: false,
    enabledJWA: { idTokenSigningAlgValues: ALGORITHMS },
    features: {
      devInteractions: { enabled: true },
    },
    // A confidential client with a secret: the tests' flow is the classic code flow.
    pkce: { required: () => false },
    cookies: { keys: COOKIE_KEYS },
    ttl: {
      // Per account: "idTokenTtl" in users.json (e.g. 2 for a token that expires during a test).
      IdToken(ctx, token) {
        const user = findUser(token.available && token.available.sub);
        const ttl = user && Number(user.idTokenTtl);
        return Number.isFinite(ttl) && ttl > 0 ? ttl : 3600;
      },
      AccessToken: 3600,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    renderError(ctx, out) {
      ctx.type = 'json';
      ctx.body = out;
    },
  };
  const provider = new Provider(state.issuerUrl, configuration);
  provider.on('server_error', (ctx, error) => log(`${state.name}: server_error ${error.stack || error}`));
  return provider;
}

function rebuild(state) {
  state.provider = buildProvider(state);
  state.handler = state.provider.callback();
}

function rotate(state, keepOld) {
  const generation = (state.keys.generation || 1) + 1;
  const fresh = newKeys(state.name, generation);
  const keys = keepOld ? [...fresh, ...state.keys.keys] : fresh;
  const next = { generation, keys };
  writeAtomically(keysFile(state.name), JSON.stringify(next, null, 2));
  state.keys = next;
  rebuild(state);
  log(`${state.name}: rotated keys, now ${kids(state).join(' ')}`);
}

function kids(state) {
  return state.keys.keys.map((key) => key.kid);
}

function describe(state) {
  return {
    issuer: state.issuerUrl,
    clientId: state.clientId,
    algorithm: state.algorithm,
    kids: kids(state),
  };
}

// The sign-in form takes any login; an account the users file does not have is refused here, as a
// real provider refuses wrong credentials (oidc-provider itself would fail later, at consent, with
// a server_error). The body read here is handed on already parsed (oidc-provider takes req.body
// when the request stream has been read).
function refuseUnknownLogin(state, req, res) {
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= 64 * 1024) chunks.push(chunk);
  });
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const form = new URLSearchParams(body);
    if (form.get('prompt') === 'login' && !findUser(form.get('login') || '')) {
      log(`${state.name}: refused the sign-in of unknown account ${JSON.stringify(form.get('login'))}`);
      answer(res, 403, { error: 'access_denied', error_description: 'no such account' });
      return;
    }
    req.body = body;
    state.handler(req, res);
  });
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

async function startIssuer(name, tls) {
  const state = {
    name,
    clientId: `orgs-${name}`,
    clientSecret: randomBytes(24).toString('hex'),
    algorithm: 'RS256',
    keys: loadKeys(name),
  };
  // The handler is looked up per request so a rebuilt Provider takes over at once.
  state.server = https.createServer(tls, (req, res) => {
    if (req.method === 'POST' && req.url.startsWith('/interaction/')) {
      refuseUnknownLogin(state, req, res);
    } else {
      state.handler(req, res);
    }
  });
  state.server.keepAliveTimeout = 2000;
  state.port = await listen(state.server);
  state.issuerUrl = `https://127.0.0.1:${state.port}`;
  rebuild(state);
  log(`${name}: ${state.issuerUrl} (${kids(state).join(' ')})`);
  return state;
}

function answer(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(body)}\n`);
}

function controlHandler(issuers) {
  return (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    req.resume();
    try {
      const state = issuers.get(url.searchParams.get('issuer') || 'primary');
      if (url.pathname === '/health' && req.method === 'GET') {
        answer(res, 200, { ok: true });
      } else if (url.pathname === '/state' && req.method === 'GET') {
        answer(res, 200, Object.fromEntries([...issuers].map(([n, s]) => [n, describe(s)])));
      } else if (!state) {
        answer(res, 404, { error: 'unknown issuer' });
      } else if (url.pathname === '/rotate' && req.method === 'POST') {
        rotate(state, url.searchParams.get('keepOld') !== '0');
        answer(res, 200, describe(state));
      } else if (url.pathname === '/algorithm' && req.method === 'POST') {
        const alg = url.searchParams.get('alg');
        if (!ALGORITHMS.includes(alg)) {
          answer(res, 400, { error: `alg must be one of ${ALGORITHMS.join(', ')}` });
          return;
        }
        state.algorithm = alg;
        rebuild(state);
        log(`${state.name}: ID tokens signed with ${alg}`);
        answer(res, 200, describe(state));
      } else {
        answer(res, 404, { error: 'no such control' });
      }
    } catch (error) {
      log(`control: ${error.stack || error}`);
      answer(res, 500, { error: String(error.message || error) });
    }
  };
}

async function main() {
  const tls = {
    key: readFileSync(path.join(DIR, 'tls', 'server.key')),
    cert: readFileSync(path.join(DIR, 'tls', 'server.crt')),
  };
  if (!existsSync(USERS_FILE)) {
    writeAtomically(USERS_FILE, `${JSON.stringify(DEFAULT_USERS, null, 2)}\n`);
  }

  const issuers = new Map();
  for (const name of ISSUER_NAMES) {
    issuers.set(name, await startIssuer(name, tls));
  }
  const control = http.createServer(controlHandler(issuers));
  const controlPort = await listen(control);

  process.on('SIGHUP', () => {
    for (const state of issuers.values()) rotate(state, true);
  });
  const shutdown = (signal) => {
    log(`stopping (${signal})`);
    control.close();
    for (const state of issuers.values()) {
      state.server.close();
      state.server.closeAllConnections?.();
    }
    setTimeout(() => process.exit(0), 200).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  const lines = [
    `ORGS_OIDC_DIR=${DIR}`,
    `ORGS_OIDC_PID=${process.pid}`,
    `ORGS_OIDC_CA_FILE=${CA_FILE}`,
    `ORGS_OIDC_USERS_FILE=${USERS_FILE}`,
    `ORGS_OIDC_CONTROL_URL=http://127.0.0.1:${controlPort}`,
    `ORGS_OIDC_REDIRECT_URI=${REDIRECT_URI}`,
    `ORGS_OIDC_ISSUERS=${ISSUER_NAMES.join(' ')}`,
  ];
  for (const state of issuers.values()) {
    const prefix = `ORGS_OIDC_${state.name.toUpperCase()}`;
    lines.push(
      `${prefix}_ISSUER=${state.issuerUrl}`,
      `${prefix}_PORT=${state.port}`,
      `${prefix}_DISCOVERY_URL=${state.issuerUrl}/.well-known/openid-configuration`,
      `${prefix}_JWKS_URI=${state.issuerUrl}/jwks`,
      `${prefix}_CLIENT_ID=${state.clientId}`,
      `${prefix}_CLIENT_SECRET=${state.clientSecret}`,
    );
  }
  writeAtomically(ENV_FILE, `${lines.join('\n')}\n`);
  log(`control: http://127.0.0.1:${controlPort}; ready`);
}

main().catch((error) => {
  log(`failed: ${error.stack || error}`);
  process.exit(1);
});
