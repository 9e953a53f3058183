/** GET /openapi.json: public, no auth. */
import { Hono } from 'hono';
import { openApiDocument } from '../openapi.ts';

export function openapiRoutes() {
  return new Hono().get('/', (c) => c.json(openApiDocument()));
}
