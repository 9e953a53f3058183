/**
 * Admin API auth: `Authorization: Bearer <JWT>` minted by the LMS.
 * HS256 tokens are verified with the shared secret; when a JWKS URL is configured, tokens signed
 * with an asymmetric algorithm are verified against the LMS's published keys.
 * Claims: `org` (an organisation id), `role` ('admin'), `exp` (required).
 * 401: missing / malformed / bad signature / expired. 403: not an admin, or an unknown organisation.
 * The request is then scoped to the token's organisation (`c.get('org')`).
 */
import type { MiddlewareHandler } from 'hono';
import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { OrgInfo } from '../../store/store.ts';
import { HttpError } from '../errors.ts';
import type { OrgEnv } from '../types.ts';

const encoder = new TextEncoder();

/** Asymmetric algorithms accepted from the JWKS (never HS*: the JWKS is public). */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** Clock skew tolerated between the LMS and this server. */
const CLOCK_TOLERANCE_SECONDS = 30;

export interface AdminJwtOptions {
  /** Shared HS256 secret (config.auth.jwtSecret). */
  secret: string;
  /** Key resolver for asymmetric tokens: `createRemoteJWKSet(url)` in production, a local set in tests. */
  jwks?: JWTVerifyGetKey;
  organizations: readonly OrgInfo[];
  /** When set, tokens must carry this `aud` (so a JWT the LMS minted for another service is refused). */
  audience?: string;
  now?: () => Date;
}

/** Builds the key resolver for `config.auth.jwksUrl` (fetched lazily, cached by jose). */
export function remoteJwks(url: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url));
}

const unauthorized = (message: string) =>
  new HttpError(401, 'UNAUTHORIZED', message, { 'WWW-Authenticate': 'Bearer realm="erp-sync", error="invalid_token"' });
const forbidden = (message: string) => new HttpError(403, 'FORBIDDEN', message);

function bearer(header: string | undefined): string {
  if (!header) throw unauthorized('En-tête Authorization manquant : un jeton d’administrateur est requis.');
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!m) throw unauthorized('En-tête Authorization invalide : « Bearer <jeton> » attendu.');
  return m[1];
}

async function verify(token: string, options: AdminJwtOptions, secretKey: Uint8Array): Promise<{ payload: JWTPayload; alg: string }> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw unauthorized('Jeton mal formé.');
  }
  const common = {
    requiredClaims: ['exp'],
    currentDate: options.now?.(),
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    ...(options.audience ? { audience: options.audience } : {}),
  };
  try {
    if (alg === 'HS256') {
      return { payload: (await jwtVerify(token, secretKey, { ...common, algorithms: ['HS256'] })).payload, alg };
    }
    if (options.jwks && alg !== undefined && JWKS_ALGORITHMS.includes(alg)) {
      return { payload: (await jwtVerify(token, options.jwks, { ...common, algorithms: JWKS_ALGORITHMS })).payload, alg };
    }
  } catch (err) {
    throw mapJoseError(err);
  }
  throw unauthorized(`Algorithme de signature non accepté : ${alg ?? 'aucun'}.`);
}

function mapJoseError(err: unknown): unknown {
  if (err instanceof errors.JWTExpired) return unauthorized('Jeton expiré.');
  if (err instanceof errors.JWSSignatureVerificationFailed) return unauthorized('Signature du jeton invalide.');
  if (err instanceof errors.JWTClaimValidationFailed)
    return unauthorized(`Jeton refusé : revendication « ${err.claim} » invalide ou absente.`);
  if (err instanceof errors.JWKSTimeout) return new HttpError(503, 'AUTH_UNAVAILABLE', 'Clés de signature indisponibles, réessayez.');
  if (err instanceof errors.JOSEError) return unauthorized('Jeton invalide.');
  return err;
}

/** How many verified HS256 tokens are remembered (cleared when full: a page keeps one token for an hour). */
const VERIFIED_TOKENS = 1_000;

/**
 * HS256 tokens already verified with this secret: a page sends the same token with every
 * request, and verifying its HMAC through Web Crypto was 4 % of a search's CPU. The same bytes
 * verify the same way, so a remembered token skips only the signature: its expiry is checked
 * again each time (as jose does it), and a clock that went back verifies it afresh.
 */
function verifiedTokens(now: () => Date) {
  const seen = new Map<string, { payload: JWTPayload; at: number }>();
  const seconds = () => Math.floor(now().getTime() / 1000);
  return {
    get(token: string): JWTPayload | undefined {
      const hit = seen.get(token);
      if (!hit) return undefined;
      const t = seconds();
      const exp = hit.payload.exp;
      if (t < hit.at || typeof exp !== 'number' || exp <= t - CLOCK_TOLERANCE_SECONDS) return undefined;
      return hit.payload;
    },
    set(token: string, payload: JWTPayload): void {
      if (seen.size >= VERIFIED_TOKENS) seen.clear();
      seen.set(token, { payload, at: seconds() });
    },
  };
}

export function adminJwtAuth(options: AdminJwtOptions): MiddlewareHandler<OrgEnv> {
  const secretKey = encoder.encode(options.secret);
  const orgs = new Map(options.organizations.map((o) => [o.id, { id: o.id, name: o.name }]));
  const verified = verifiedTokens(options.now ?? (() => new Date()));
  return async (c, next) => {
    const token = bearer(c.req.header('Authorization'));
    let payload = verified.get(token);
    if (!payload) {
      const checked = await verify(token, options, secretKey);
      payload = checked.payload;
      // Only the shared secret's tokens: a JWKS key can be withdrawn before its tokens expire.
      if (checked.alg === 'HS256') verified.set(token, payload);
    }
    if (typeof payload.org !== 'string' || payload.org === '') throw unauthorized('Jeton refusé : revendication « org » absente.');
    if (payload.role !== 'admin') throw forbidden('Accès réservé aux administrateurs du CFA (rôle « admin » requis).');
    const org = orgs.get(payload.org);
    if (!org) throw forbidden('Organisation inconnue.');
    c.set('org', org);
    // Who acts, for the runs' audit: the token's subject (or its organisation claim when the LMS
    // mints tokens without one), and its display name when present.
    const sub = typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : `admin@${org.id}`;
    c.set('actor', { sub, name: typeof payload.name === 'string' && payload.name !== '' ? payload.name : null });
    await next();
  };
}

export interface SignAdminTokenOptions {
  org: string;
  /** Defaults to 'admin'. */
  role?: string;
  /** Lifetime; defaults to one hour. */
  ttlSeconds?: number;
  /** Issue time; defaults to now. */
  now?: Date;
  /** `aud` claim, for servers configured with `auth.audience`. */
  audience?: string;
  /** `sub` and `name` claims: who the admin is (the runs' audit). */
  sub?: string;
  name?: string;
}

/** Mints an HS256 admin token (CLI `token` command, tests, mocks). */
export async function signAdminToken(secret: string, opts: SignAdminTokenOptions): Promise<string> {
  const iat = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const jwt = new SignJWT({ org: opts.org, role: opts.role ?? 'admin', ...(opts.name ? { name: opts.name } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + (opts.ttlSeconds ?? 3600));
  if (opts.audience) jwt.setAudience(opts.audience);
  if (opts.sub) jwt.setSubject(opts.sub);
  return jwt.sign(encoder.encode(secret));
}
