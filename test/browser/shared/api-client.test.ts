import { expect } from '@open-wc/testing';
import type { contractList, summary } from '../../../contract/index.ts';
import { ApiError, createApiClient } from '../../../widget/shared/api-client.ts';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

/** A fetch stub: no network, records calls; `respond` builds each response. */
function stub(respond: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchStub = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return respond(String(input), init);
  }) as typeof fetch;
  return { calls, fetch: fetchStub };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const okSummary: summary = {
  organization: { id: 'o', name: 'CFA' },
  lastRun: null,
  totals: { integrated: 0, rejected: 0, archived: 0 },
  topReasons: [],
  canRun: false,
};

const emptyList: contractList = { total: 0, limit: 50, offset: 0, items: [], reasonCounts: [] };

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createApiClient', () => {
  it('sends the bearer token and returns validated data', async () => {
    const s = stub(() => json(okSummary));
    const client = createApiClient({ apiBase: '/base/', token: 'abc', fetch: s.fetch });
    expect(await client.summary()).to.deep.equal(okSummary);
    expect(s.calls[0].url).to.equal('/base/summary');
    expect(new Headers(s.calls[0].init!.headers).get('Authorization')).to.equal('Bearer abc');
  });

  it('calls a token function once per client and reuses its token', async () => {
    let n = 0;
    const s = stub(() => json(okSummary));
    const client = createApiClient({ token: async () => `t${++n}`, fetch: s.fetch });
    await client.summary();
    await client.summary();
    expect(n).to.equal(1);
    expect(s.calls.map((c) => new Headers(c.init!.headers).get('Authorization'))).to.deep.equal(['Bearer t1', 'Bearer t1']);
    expect(s.calls[0].url).to.equal('/api/erp-sync/summary');
  });

  it('shares one in-flight token call between concurrent requests', async () => {
    let n = 0;
    let release: (token: string) => void = () => undefined;
    const s = stub(() => json(okSummary));
    const client = createApiClient({
      token: () => {
        n += 1;
        return new Promise<string>((resolve) => (release = resolve));
      },
      fetch: s.fetch,
    });
    const all = Promise.all([client.summary(), client.contracts({ status: 'integrated' }).catch(() => null), client.summary()]);
    await Promise.resolve();
    release('shared');
    await all;
    expect(n).to.equal(1);
    expect(s.calls.map((c) => new Headers(c.init!.headers).get('Authorization'))).to.deep.equal([
      'Bearer shared',
      'Bearer shared',
      'Bearer shared',
    ]);
  });

  it('on a 401, drops the cached token and retries that request once with a fresh one', async () => {
    let n = 0;
    const s = stub((_url, init) =>
      new Headers(init?.headers).get('Authorization') === 'Bearer t1'
        ? json({ error: { code: 'TOKEN_EXPIRED', message: 'expiré' } }, 401)
        : json(okSummary),
    );
    const client = createApiClient({ token: async () => `t${++n}`, fetch: s.fetch });
    expect(await client.summary()).to.deep.equal(okSummary);
    expect(s.calls.map((c) => new Headers(c.init!.headers).get('Authorization'))).to.deep.equal(['Bearer t1', 'Bearer t2']);
    // The fresh token is cached in turn.
    await client.summary();
    expect(n).to.equal(2);
  });

  it('retries a 401 only once, and never for a string token', async () => {
    let n = 0;
    const unauthorized = stub(() => json({ error: { code: 'UNAUTHORIZED', message: 'non' } }, 401));
    const client = createApiClient({ token: async () => `t${++n}`, fetch: unauthorized.fetch });
    expect(await rejection(client.summary())).to.include({ status: 401, code: 'UNAUTHORIZED' });
    expect(unauthorized.calls).to.have.length(2);
    const fixed = stub(() => json({ error: { code: 'UNAUTHORIZED', message: 'non' } }, 401));
    const withString = createApiClient({ token: 'abc', fetch: fixed.fetch });
    expect(await rejection(withString.summary())).to.include({ status: 401 });
    expect(fixed.calls).to.have.length(1);
  });

  it('reads the current token through getToken: a new value needs no new client', async () => {
    let current: string | (() => Promise<string>) | undefined = 'first';
    const s = stub(() => json(okSummary));
    const client = createApiClient({ getToken: () => current, fetch: s.fetch });
    await client.summary();
    current = 'second';
    await client.summary();
    current = async () => 'third';
    await client.summary();
    current = '';
    await client.summary();
    expect(s.calls.map((c) => new Headers(c.init!.headers).get('Authorization'))).to.deep.equal([
      'Bearer first',
      'Bearer second',
      'Bearer third',
      null,
    ]);
  });

  it('builds query strings, dropping empty values', async () => {
    const s = stub(() => json(emptyList));
    const client = createApiClient({ fetch: s.fetch });
    await client.contracts({
      status: 'rejected',
      q: '',
      reason: 'EMPLOYER_MISSING',
      limit: 50,
      offset: 100,
      sort: 'learner',
      order: 'desc',
    });
    expect(s.calls[0].url).to.equal(
      '/api/erp-sync/contracts?status=rejected&reason=EMPLOYER_MISSING&limit=50&offset=100&sort=learner&order=desc',
    );
    expect(client.csvUrl({ status: 'rejected', q: 'é &' })).to.equal('/api/erp-sync/contracts.csv?status=rejected&q=%C3%A9+%26');
  });

  it('encodes path parameters', async () => {
    const s = stub(() => json({ runId: 'a/b', status: 'succeeded' }));
    const client = createApiClient({ fetch: s.fetch });
    await client.approveRun('a/b');
    expect(s.calls[0].url).to.equal('/api/erp-sync/runs/a%2Fb/approve');
    expect(s.calls[0].init!.method).to.equal('POST');
  });

  it('turns an error body into ApiError {status, code, message}', async () => {
    const client = createApiClient({ fetch: stub(() => json({ error: { code: 'UNAUTHORIZED', message: 'expired' } }, 401)).fetch });
    const error = await rejection(client.summary());
    expect(error).to.be.instanceOf(ApiError);
    expect(error).to.include({ status: 401, code: 'UNAUTHORIZED', message: 'expired', isAuth: true });
  });

  it('keeps the status of a non-JSON error page', async () => {
    const client = createApiClient({
      fetch: stub(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })).fetch,
    });
    expect(await rejection(client.summary())).to.include({ status: 502, code: 'HTTP_502' });
  });

  it('turns a malformed body into BAD_RESPONSE instead of crashing later', async () => {
    const client = createApiClient({ fetch: stub(() => json({ total: 'many' })).fetch });
    expect(await rejection(client.contracts({ status: 'integrated' }))).to.include({ code: 'BAD_RESPONSE', status: 200 });
    const notJson = createApiClient({ fetch: stub(() => new Response('nope')).fetch });
    expect(await rejection(notJson.summary())).to.include({ code: 'BAD_RESPONSE' });
  });

  it('reports a network failure as NETWORK', async () => {
    const client = createApiClient({
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    expect(await rejection(client.summary())).to.include({ code: 'NETWORK', status: 0 });
  });

  it('lets an abort through as an AbortError (superseded requests are not failures)', async () => {
    const client = createApiClient({
      fetch: ((_: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        })) as typeof fetch,
    });
    const controller = new AbortController();
    const pending = client.summary(controller.signal);
    controller.abort();
    const error = await rejection(pending);
    expect(error).to.not.be.instanceOf(ApiError);
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it('downloads the CSV with the token and the server file name', async () => {
    const s = stub(
      () =>
        new Response('a;b\r\n1;2', {
          headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="rejets.csv"' },
        }),
    );
    const client = createApiClient({ token: 'abc', fetch: s.fetch });
    const file = await client.downloadCsv({ status: 'rejected', lang: 'fr' });
    expect(file.filename).to.equal('rejets.csv');
    expect(await file.blob.text()).to.equal('a;b\r\n1;2');
    expect(s.calls[0].url).to.equal('/api/erp-sync/contracts.csv?status=rejected&lang=fr');
    expect(new Headers(s.calls[0].init!.headers).get('Authorization')).to.equal('Bearer abc');
    const unnamed = createApiClient({ fetch: stub(() => new Response('x')).fetch });
    expect((await unnamed.downloadCsv({ status: 'rejected' })).filename).to.equal(null);
  });
});

describe('createApiClient token failures', () => {
  it('reports a failing token function as a 401 TOKEN_UNAVAILABLE', async () => {
    const client = createApiClient({
      token: async () => {
        throw new Error('SSO down');
      },
      fetch: stub(() => json(okSummary)).fetch,
    });
    expect(await rejection(client.summary())).to.include({ status: 401, code: 'TOKEN_UNAVAILABLE', isAuth: true });
  });
});
