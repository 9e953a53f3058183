/**
 * Signed webhooks. The body is JSON; `X-Erp-Sync-Signature: sha256=<hex>` is the HMAC-SHA256
 * of the exact body bytes with the organisation's secret; `X-Erp-Sync-Timestamp` (Unix seconds)
 * repeats the body's `sentAt`, which the signature covers, so a receiver can refuse replays;
 * `X-Erp-Sync-Delivery` stays the same across retries, so a receiver can ignore duplicates.
 * Retried with exponential backoff on network errors, timeouts, 408, 429 and 5xx.
 */
import { createHmac, randomUUID } from 'node:crypto';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface DeliveryRules {
  retries: number;
  backoffMs: number;
  timeoutMs: number;
}

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  /** The last HTTP status, or the network error's message. */
  last: string;
}

export function sign(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function deliverWebhook(
  target: WebhookTarget,
  event: string,
  payload: { sentAt: string } & Record<string, unknown>,
  rules: DeliveryRules,
): Promise<DeliveryResult> {
  const body = JSON.stringify(payload);
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'erp-sync-webhook/1',
    'X-Erp-Sync-Event': event,
    'X-Erp-Sync-Delivery': randomUUID(),
    'X-Erp-Sync-Timestamp': String(Math.floor(Date.parse(payload.sentAt) / 1000)),
    'X-Erp-Sync-Signature': sign(body, target.secret),
  };
  let last = '';
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(target.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(rules.timeoutMs) });
      await res.body?.cancel();
      last = String(res.status);
      if (res.ok) return { ok: true, attempts: attempt, last };
      if (!retryable(res.status)) return { ok: false, attempts: attempt, last };
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (attempt > rules.retries) return { ok: false, attempts: attempt, last };
    await sleep(rules.backoffMs * 2 ** (attempt - 1));
  }
}
