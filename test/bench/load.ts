/**
 * HTTP load from this process: `concurrency` requests in flight over keep-alive connections,
 * each request's latency kept. Used by the bench (search throughput, API latency during an
 * import) and by `npm run load`.
 */
export interface LoadResult {
  latencies: number[];
  errors: number;
  statuses: Record<number, number>;
  ms: number;
}

export async function load(opts: {
  requests?: number;
  /** Or: keep going until this returns true (checked between requests). */
  until?: () => boolean;
  concurrency: number;
  next: (i: number) => { url: string; headers?: Record<string, string> };
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let issued = 0;
  const t0 = performance.now();
  const more = () => (opts.until ? !opts.until() : issued < (opts.requests ?? 0));
  async function worker(): Promise<void> {
    while (more()) {
      const i = issued++;
      const { url, headers } = opts.next(i);
      const t = performance.now();
      try {
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (!res.ok) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return { latencies, errors, statuses, ms: performance.now() - t0 };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
