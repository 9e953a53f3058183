/**
 * What the page asked of the admin API, seen from the page itself: the widgets' client calls the
 * global fetch, which this wraps (nothing is answered here; the real app in MSW answers).
 */
export interface SeenRequest {
  url: URL;
  method: string;
  authorization: string | null;
  signal: AbortSignal | null;
}

export interface RequestLog {
  readonly all: SeenRequest[];
  /** Requests to a path ending with `suffix` (e.g. '/contracts', '/summary', '/history'). */
  to(suffix: string): SeenRequest[];
  clear(): void;
}

/** Watches the page's requests for a whole test file, the log emptied before each test. */
export function useRequestLog(base = '/api/erp-sync'): RequestLog {
  const all: SeenRequest[] = [];
  const realFetch = window.fetch;
  before(() => {
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : null;
      const url = new URL(request ? request.url : String(input), location.href);
      if (url.pathname.startsWith(base)) {
        all.push({
          url,
          method: init?.method ?? request?.method ?? 'GET',
          authorization: new Headers(init?.headers ?? request?.headers).get('Authorization'),
          signal: init?.signal ?? null,
        });
      }
      return realFetch(input, init);
    };
  });
  after(() => {
    window.fetch = realFetch;
  });
  beforeEach(() => {
    all.length = 0;
  });
  return {
    all,
    to: (suffix) => all.filter((r) => r.url.pathname.endsWith(suffix)),
    clear: () => {
      all.length = 0;
    },
  };
}
