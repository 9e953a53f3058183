/**
 * ERP-facing sync API auth: `Authorization: Bearer <erpToken>`, one token per organisation.
 * Tokens are compared as SHA-256 digests in constant time (Web Crypto, so it runs in browsers
 * too), against every organisation without an early exit. Failures keep the public API's
 * shape: 401 `{"error":"invalid token","reason":"..."}` (rendered by the sync API's onError).
 */
import type { MiddlewareHandler } from 'hono';
import type { OrgInfo } from '../../store/store.ts';
import { HttpError } from '../errors.ts';
import type { OrgEnv } from '../types.ts';

export interface ErpTokenOptions {
  organizations: readonly { id: string; name: string; erpToken: string }[];
}

const encoder = new TextEncoder();

async function digest(s: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(s)));
}

/** Constant-time equality of two byte arrays (length is not secret: digests are all 32 bytes). */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** The organisation owning `token`, or null. Every organisation is compared. */
export async function findOrgByErpToken(orgs: readonly { org: OrgInfo; digest: Uint8Array }[], token: string): Promise<OrgInfo | null> {
  const d = await digest(token);
  let found: OrgInfo | null = null;
  for (const entry of orgs) {
    if (timingSafeEqual(entry.digest, d) && found === null) found = entry.org;
  }
  return found;
}

export function erpTokenAuth(options: ErpTokenOptions): MiddlewareHandler<OrgEnv> {
  let table: Promise<{ org: OrgInfo; digest: Uint8Array }[]> | null = null;
  const load = () =>
    (table ??= Promise.all(
      options.organizations.map(async (o) => ({ org: { id: o.id, name: o.name }, digest: await digest(o.erpToken) })),
    ));

  return async (c, next) => {
    // Rendered by the sync sub-app's onError: {"error":"invalid token","reason":…,"code":"INVALID_TOKEN"}.
    const deny = (reason: string) => {
      throw new HttpError(401, 'INVALID_TOKEN', reason, { 'WWW-Authenticate': 'Bearer' });
    };
    const header = c.req.header('Authorization');
    if (!header) return deny('missing Authorization header');
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!m) return deny('malformed Authorization header: expected "Bearer <token>"');
    const org = await findOrgByErpToken(await load(), m[1]);
    if (!org) return deny('unknown token');
    c.set('org', org);
    await next();
  };
}
