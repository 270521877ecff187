// Mock of the parts of the WorkOS API that `workos-widgets init` output touches.
//
//  - POST /widgets/token            (called server-side by @workos-inc/node)
//  - GET  /_widgets/UserProfile/me  (called from the browser by <UserProfile/>)
//  - GET  /_widgets/UserManagement/members            (<UsersManagement/>)
//  - GET  /_widgets/UserManagement/roles-and-config   (<UsersManagement/>)
//  - GET  /_widgets/UserManagement/roles              (<UsersManagement/> invite dialog)
//  - any other /_widgets/* path: logged and answered 404 JSON, so a missing
//    endpoint shows up in `requests` instead of being silently faked.
//
// Plain Node, no dependencies. Usable as a module (startMockWorkos) or a CLI:
//   node mock-workos-api.mjs [--port 4100] [--host 127.0.0.1]
// Never talks to the real WorkOS API.

import { createServer } from 'node:http';
import { createHmac, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const KNOWN_SCOPES = [
  'widgets:users-table:manage',
  'widgets:sso:manage',
  'widgets:domain-verification:manage',
  'widgets:dsync:manage',
  'widgets:api-keys:manage',
  'widgets:audit-log-streaming:manage',
  // Role permission read by <PipesAdmin/>; not in @workos-inc/node 8's WidgetScope type.
  'widgets:pipes:manage',
];

export const TEST_USER = {
  id: 'user_e2e_ada',
  email: 'ada.lovelace@example.test',
  firstName: 'Ada',
  lastName: 'Lovelace',
  locale: 'en-US',
  profilePictureUrl: null,
  oauthProfiles: null,
};

export const TEST_MEMBERS = [
  {
    id: 'user_e2e_ada',
    email: 'ada.lovelace@example.test',
    emailVerified: true,
    profilePictureUrl: null,
    firstName: 'Ada',
    lastName: 'Lovelace',
    createdAt: '2025-01-15T10:00:00.000Z',
    lastActivityAt: '2025-11-01T09:30:00.000Z',
    status: 'Active',
    actions: [],
    isLoggedInUser: true,
    roles: [{ name: 'Admin', slug: 'admin', description: 'Full access' }],
  },
  {
    id: 'user_e2e_grace',
    email: 'grace.hopper@example.test',
    emailVerified: true,
    profilePictureUrl: null,
    firstName: 'Grace',
    lastName: 'Hopper',
    createdAt: '2025-02-20T10:00:00.000Z',
    lastActivityAt: '2025-10-28T14:00:00.000Z',
    status: 'Active',
    actions: ['edit-role', 'revoke-membership'],
    isLoggedInUser: null,
    roles: [{ name: 'Member', slug: 'member', description: null }],
  },
  {
    id: 'user_e2e_alan',
    email: 'alan.turing@example.test',
    emailVerified: false,
    profilePictureUrl: null,
    firstName: 'Alan',
    lastName: 'Turing',
    createdAt: '2025-03-05T10:00:00.000Z',
    lastActivityAt: null,
    status: 'Invited',
    actions: ['resend-invite', 'revoke-invite'],
    isLoggedInUser: null,
    roles: [{ name: 'Member', slug: 'member', description: null }],
  },
];

export const TEST_ROLES = [
  { name: 'Admin', slug: 'admin', default: false, description: 'Full access' },
  { name: 'Member', slug: 'member', default: true, description: null },
];

const SIGNING_SECRET = randomBytes(32);

const b64url = (value) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export function decodeJwtPayload(token) {
  const part = String(token).split('.')[1];
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

function mintToken({ userId, organizationId, scopes }) {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'HS256', typ: 'JWT', kid: 'mock_workos_key' };
  const payload = {
    iss: 'https://mock-workos.test',
    sub: userId,
    org_id: organizationId,
    sid: `session_mock_${randomBytes(6).toString('hex')}`, // read by <UserSessions/>
    // The widgets read `permissions` (array) and `exp` from the token:
    // @workos-inc/widgets api/api-provider.js + lib/use-permissions.js.
    permissions: scopes,
    iat: now,
    exp: now + 3600,
    jti: randomBytes(8).toString('hex'),
  };
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  const sig = createHmac('sha256', SIGNING_SECRET).update(signingInput).digest('base64url');
  return `${signingInput}.${sig}`;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startMockWorkos({ port = 0, host = '127.0.0.1', knownScopes = KNOWN_SCOPES } = {}) {
  const requests = [];
  const mintedTokens = new Map(); // token -> claims

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, `http://${req.headers.host || host}`);
    const raw = await readBody(req).catch(() => '');
    let body = raw;
    if (raw && /json/i.test(req.headers['content-type'] || '')) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const entry = {
      time: new Date().toISOString(),
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body,
      status: 0,
    };
    requests.push(entry);

    const origin = req.headers.origin;
    const cors = origin
      ? {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
          'Access-Control-Allow-Headers':
            'Authorization, Content-Type, WorkOS-Widgets-Version, WorkOS-Widgets-Type, X-Elevated-Access-Token',
          'Access-Control-Max-Age': '600',
          Vary: 'Origin',
        }
      : {};

    const send = (status, json, extra = {}) => {
      entry.status = status;
      const text = json === undefined ? '' : JSON.stringify(json);
      res.writeHead(status, {
        ...cors,
        ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
        'X-Request-ID': `req_mock_${requests.length}`,
        ...extra,
      });
      res.end(text);
    };

    if (req.method === 'OPTIONS') {
      entry.preflight = true;
      return send(204, undefined);
    }

    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization || '')?.[1];

    // ---- Server-side: widget token creation (secret API key) ----
    if (url.pathname === '/widgets/token') {
      if (req.method !== 'POST') return send(405, { message: 'Method Not Allowed' });
      if (!bearer || !/^sk_test_[A-Za-z0-9_]+$/.test(bearer)) {
        return send(401, { message: 'Unauthorized' });
      }
      const b = typeof body === 'object' && body ? body : {};
      const { organization_id: organizationId, user_id: userId, scopes = [] } = b;
      if (!organizationId || typeof organizationId !== 'string') {
        return send(422, {
          code: 'invalid_request_parameters',
          message: 'Validation failed',
          errors: [{ field: 'organization_id', code: 'organization_id must be a string' }],
        });
      }
      const bad = (Array.isArray(scopes) ? scopes : [scopes]).filter((s) => !knownScopes.includes(s));
      if (!Array.isArray(scopes) || bad.length) {
        return send(422, {
          code: 'invalid_request_parameters',
          message: 'Validation failed',
          errors: bad.map((s) => ({ field: 'scopes', code: `invalid_scope: ${s}` })),
        });
      }
      if (organizationId === 'org_missing') {
        return send(404, {
          code: 'entity_not_found',
          message: `Organization not found: '${organizationId}'.`,
          entity_id: organizationId,
        });
      }
      if (userId === 'user_forbidden') {
        return send(403, {
          code: 'permission_denied',
          message: `User '${userId}' does not have the permissions required for the requested scopes.`,
        });
      }
      const token = mintToken({ userId, organizationId, scopes });
      mintedTokens.set(token, decodeJwtPayload(token));
      return send(200, { token });
    }

    // ---- Browser-side: widget API ----
    if (url.pathname.startsWith('/_widgets/')) {
      const claims = bearer ? mintedTokens.get(bearer) : undefined;
      entry.widgetAuth = { hadBearer: Boolean(bearer), tokenMintedHere: Boolean(claims) };
      if (!claims) {
        return send(401, { message: 'Unauthorized: missing or unknown widget token' });
      }
      if (claims.exp * 1000 <= Date.now()) {
        return send(403, { message: 'Widget token expired' });
      }
      const route = `${req.method} ${url.pathname}`;
      switch (route) {
        case 'GET /_widgets/UserProfile/me':
          return send(200, { ...TEST_USER, id: claims.sub || TEST_USER.id });
        case 'GET /_widgets/UserManagement/members': {
          if (!claims.permissions?.includes('widgets:users-table:manage')) {
            return send(403, { message: 'Forbidden' });
          }
          const search = (url.searchParams.get('search') || '').toLowerCase();
          const role = url.searchParams.get('role');
          const data = TEST_MEMBERS.filter(
            (m) =>
              (!search || `${m.email} ${m.firstName} ${m.lastName}`.toLowerCase().includes(search)) &&
              (!role || m.roles?.some((r) => r.slug === role)),
          );
          return send(200, { data, list_metadata: { before: null, after: null } });
        }
        case 'GET /_widgets/UserManagement/roles-and-config':
          return send(200, { roles: TEST_ROLES, multipleRolesEnabled: false });
        case 'GET /_widgets/UserManagement/roles':
          return send(200, TEST_ROLES);
        default:
          entry.unhandled = true;
          return send(404, { message: `Mock WorkOS: no handler for ${route}` });
      }
    }

    entry.unhandled = true;
    return send(404, { message: `Mock WorkOS: no handler for ${req.method} ${url.pathname}` });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  const url = `http://${host}:${actualPort}`;
  return {
    url,
    port: actualPort,
    requests,
    mintedTokens,
    /** requests to /_widgets/* that were not preflights */
    widgetRequests: () => requests.filter((r) => r.path.startsWith('/_widgets/') && r.method !== 'OPTIONS'),
    tokenRequests: () => requests.filter((r) => r.path === '/widgets/token' && r.method === 'POST'),
    unhandled: () => requests.filter((r) => r.unhandled),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// CLI
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const mock = await startMockWorkos({
    port: Number(arg('port', process.env.PORT || 0)),
    host: arg('host', '127.0.0.1'),
  });
  console.log(mock.url);
  const log = process.argv.includes('--log');
  if (log) {
    let seen = 0;
    setInterval(() => {
      while (seen < mock.requests.length) {
        const r = mock.requests[seen++];
        console.error(`${r.method} ${r.path} -> ${r.status}`);
      }
    }, 200).unref();
  }
  const stop = async () => {
    await mock.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
