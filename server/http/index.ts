/** The HTTP layer's public surface. */
export { createApp, type ErpSyncApp } from './app.ts';
export { signAdminToken, adminJwtAuth, remoteJwks, type AdminJwtOptions, type SignAdminTokenOptions } from './auth/admin-jwt.ts';
export { erpTokenAuth, type ErpTokenOptions } from './auth/erp-token.ts';
export { HttpError } from './errors.ts';
export { buildOpenApiDocument, openApiDocument } from './openapi.ts';
export type { AppDeps, HttpLogger, OrgEnv } from './types.ts';
