import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pullRecordStream, pullSource, ypareoMapping, SourceError } from '../../../server/sources/index.ts';
import type { PullSourceConfig } from '../../../server/config/schema.ts';
import type { ReceivedRecord } from '../../../server/core/types.ts';

function item(n: number, extra: Record<string, unknown> = {}) {
  return {
    codeContrat: `CT${n}`,
    dateDebut: '01/09/2025',
    dateFin: '31/08/2027',
    dateResiliation: null,
    entreprise: { raisonSociale: `Entreprise ${n}`, siret: '12345678901234' },
    apprenant: { code: `A${n}`, nom: 'Martin', prenom: 'Léa', email: `lea${n}@ex.fr` },
    maitreApprentissage: { code: `M${n}`, nom: 'Durand', prenom: 'Paul', email: `paul${n}@ex.fr` },
    tuteurEcole: { code: 'T1', nom: 'Roux', prenom: 'Anne', email: 'anne@cfa.fr' },
    site: { code: 'LYO', nom: 'Lyon' },
    marque: null,
    periode: { code: '2025', nom: '2025/2026' },
    formation: { code: 'BTSMCO', nom: 'BTS MCO', rncp: 'RNCP38362' },
    annee: { code: '1A', nom: '1ère année' },
    groupe: { code: 'G1', nom: 'Groupe 1' },
    mission: { titre: 'Vendeur', details: 'Rayon' },
    moisEntree: '09',
    ...extra,
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

/** A real local HTTP server whose behaviour each test swaps in. */
let handler: Handler = (_req, res) => res.end();
let server: Server;
let base = '';
const requests: URL[] = [];

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    handler(req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function cfg(extra: Partial<PullSourceConfig> = {}): PullSourceConfig {
  return {
    kind: 'pull',
    url: `${base}/api/contrats`,
    headers: { 'X-Auth-Token': 'secret-key' },
    pageSize: 2,
    timeoutMs: 2000,
    retries: 2,
    ...extra,
  };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Serves `all` items page by page, as the Ypareo-style API does; rejects a wrong key. */
function paged(all: unknown[]): Handler {
  return (req, res, url) => {
    if (req.headers['x-auth-token'] !== 'secret-key') return json(res, 401, { error: 'invalid token' });
    const page = Number(url.searchParams.get('page'));
    const limit = Number(url.searchParams.get('limit'));
    json(res, 200, { total: all.length, page, limit, contrats: all.slice((page - 1) * limit, page * limit) });
  };
}

const fast = { backoffBaseMs: 1 };

describe('pullSource', () => {
  it('fetches every page with the API key and maps the nested items', async () => {
    const all = [item(1), item(2), item(3, { marque: { code: 'MQ', nom: 'Marque' }, dateResiliation: '15/01/2026' }), item(4), item(5)];
    handler = paged(all);
    requests.length = 0;
    const s = await pullSource(cfg(), fetch, fast);
    assert.equal(s.source, 'pull');
    assert.equal(s.records.length, 5);
    assert.deepEqual(
      requests.map((u) => u.searchParams.get('page')),
      ['1', '2', '3'],
    );
    assert.ok(requests.every((u) => u.searchParams.get('limit') === '2'));
    assert.equal(s.meta.pages, 3);
    assert.equal(s.meta.total, 5);
    const first = s.records[0];
    assert.equal(first.index, 0);
    assert.deepEqual(first.raw, all[0]);
    assert.deepEqual(first.fields, {
      codeContrat: 'CT1',
      dateDebut: '01/09/2025',
      dateFin: '31/08/2027',
      dateResiliation: '',
      nomEntreprise: 'Entreprise 1',
      siretEntreprise: '12345678901234',
      codeApprenant: 'A1',
      nomApprenant: 'Martin',
      prenomApprenant: 'Léa',
      emailApprenant: 'lea1@ex.fr',
      codeMaitreApprentissage: 'M1',
      nomMaitreApprentissage: 'Durand',
      prenomMaitreApprentissage: 'Paul',
      emailMaitreApprentissage: 'paul1@ex.fr',
      codePersonnel: 'T1',
      nomPersonnel: 'Roux',
      prenomPersonnel: 'Anne',
      emailPersonnel: 'anne@cfa.fr',
      codeSite: 'LYO',
      nomSite: 'Lyon',
      codeMarque: '',
      nomMarque: '',
      codePeriode: '2025',
      nomPeriode: '2025/2026',
      codeFormation: 'BTSMCO',
      nomFormation: 'BTS MCO',
      rncp: 'RNCP38362',
      codeAnnee: '1A',
      nomAnnee: '1ère année',
      codeGroupe: 'G1',
      nomGroupe: 'Groupe 1',
      missionTitle: 'Vendeur',
      missionDetails: 'Rayon',
      monthStartGroup: '09',
    });
    assert.equal(s.records[2].fields.codeMarque, 'MQ');
    assert.equal(s.records[2].fields.dateResiliation, '15/01/2026');
    assert.equal(s.records[4].index, 4);
  });

  it('without a total, reads up to an empty page; keeps non-object items as malformed, and accepts a custom mapping', async () => {
    handler = (_req, res, url) => {
      const page = Number(url.searchParams.get('page'));
      json(res, 200, {
        page,
        limit: 2,
        contrats: page === 1 ? [{ id: 7, who: { name: 'X' } }, 'oops'] : page === 2 ? [{ id: 8, who: null }] : [],
      });
    };
    const s = await pullSource(cfg({ mapping: { id: 'codeContrat', 'who.name': 'nomApprenant' } }), fetch, fast);
    assert.equal(s.records.length, 3);
    assert.deepEqual(s.records[0].fields, { codeContrat: '7', nomApprenant: 'X' });
    assert.match(s.records[1].malformed ?? '', /un objet JSON est attendu/);
    assert.deepEqual(s.records[2].fields, { codeContrat: '8', nomApprenant: '' });
    assert.equal(ypareoMapping['apprenant.nom'], 'nomApprenant');
  });

  it('retries after a 503 and then succeeds', async () => {
    let calls = 0;
    const ok = paged([item(1)]);
    handler = (req, res, url) => {
      calls++;
      if (calls === 1) return json(res, 503, { error: 'maintenance' });
      ok(req, res, url);
    };
    const s = await pullSource(cfg(), fetch, fast);
    assert.equal(calls, 2);
    assert.equal(s.records.length, 1);
  });

  it('fails fast on a wrong API key (4xx is not retried)', async () => {
    let calls = 0;
    const inner = paged([item(1)]);
    handler = (req, res, url) => {
      calls++;
      inner(req, res, url);
    };
    await assert.rejects(pullSource(cfg({ headers: { 'X-Auth-Token': 'wrong' } }), fetch, fast), (err: unknown) => {
      assert.ok(err instanceof SourceError);
      assert.match(err.message, /HTTP 401/);
      assert.match(err.message, /clé d’API/);
      return true;
    });
    assert.equal(calls, 1);
  });

  it('times out a silent server and reports it after every attempt', async () => {
    let calls = 0;
    handler = () => {
      calls++; // never answers
    };
    await assert.rejects(pullSource(cfg({ timeoutMs: 100, retries: 1 }), fetch, fast), (err: unknown) => {
      assert.ok(err instanceof SourceError);
      assert.match(err.message, /^ERP injoignable : pas de réponse en 100 ms .* après 2 tentatives/);
      return true;
    });
    assert.equal(calls, 2);
  });

  it('reports an unreachable port clearly', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(pullSource(cfg({ url: `http://127.0.0.1:${port}/api/contrats?token=hidden` }), fetch, fast), (err: unknown) => {
      assert.ok(err instanceof SourceError);
      assert.match(err.message, /^ERP injoignable : connexion refusée \(ECONNREFUSED\)/);
      assert.match(err.message, /après 3 tentatives/);
      assert.doesNotMatch(err.message, /hidden/);
      return true;
    });
  });

  it('rejects a non-JSON answer, an unexpected shape and an incomplete set', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Login</html>');
    };
    await assert.rejects(pullSource(cfg(), fetch, fast), /Réponse inattendue de l’ERP .*pas du JSON \(text\/html\)/);
    handler = (_req, res) => json(res, 200, { data: [] });
    await assert.rejects(pullSource(cfg(), fetch, fast), /"contrats"/);
    handler = (_req, res, url) => json(res, 200, { total: 10, contrats: url.searchParams.get('page') === '1' ? [item(1), item(2)] : [] });
    await assert.rejects(pullSource(cfg(), fetch, fast), /2 contrats reçus sur 10/);
  });

  /** 300 contracts served 100 at a time at most, whatever `limit` asks; `page` honoured unless `ignorePage`. */
  function erp(opts: { all: unknown[]; cap: number; total?: number; ignorePage?: boolean; limitField?: boolean }): Handler {
    return (_req, res, url) => {
      const page = opts.ignorePage ? 1 : Number(url.searchParams.get('page'));
      const size = Math.min(opts.cap, Number(url.searchParams.get('limit')));
      const body: Record<string, unknown> = { contrats: opts.all.slice((page - 1) * size, page * size) };
      if (opts.total !== undefined) body.total = opts.total;
      if (opts.limitField) body.limit = size;
      json(res, 200, body);
    };
  }
  const many = (n: number) => Array.from({ length: n }, (_, i) => item(i + 1));

  it('(a) fails, rather than reading duplicates, when an ERP ignoring `page` announces a total', async () => {
    handler = erp({ all: many(300), cap: 100, total: 250, ignorePage: true });
    requests.length = 0;
    await assert.rejects(pullSource(cfg({ pageSize: 100 }), fetch, fast), (err: unknown) => {
      assert.ok(err instanceof SourceError);
      assert.match(err.message, /la page 2 commence par le même contrat que la page 1, l’ERP ignore la pagination/);
      assert.match(err.message, /Import interrompu, aucun contrat modifié/);
      return true;
    });
    assert.equal(requests.length, 2);
  });

  it('(a) fails when more contracts arrive than the announced total', async () => {
    // Distinct contracts, but a stale total: which ones belong to the snapshot is unknown.
    handler = erp({ all: many(300), cap: 100, total: 250, limitField: true });
    await assert.rejects(pullSource(cfg({ pageSize: 100 }), fetch, fast), (err: unknown) => {
      assert.ok(err instanceof SourceError);
      assert.match(err.message, /^Réponse incohérente de l’ERP .*: 300 contrats reçus en 3 page\(s\) pour 250 annoncés/);
      return true;
    });
  });

  it('(b) reads every page of an ERP capping pages below the asked limit without saying so', async () => {
    const all = many(300);
    handler = erp({ all, cap: 50 });
    requests.length = 0;
    const s = await pullSource(cfg({ pageSize: 100 }), fetch, fast);
    assert.equal(s.records.length, 300);
    assert.deepEqual(
      s.records.map((r) => r.fields.codeContrat),
      all.map((a) => a.codeContrat),
    );
    // Six pages of 50, then the empty page that ends the snapshot.
    assert.equal(requests.length, 7);
    assert.equal(s.meta.pages, 7);
    assert.equal(s.meta.total, undefined);
    // With a total, short pages are followed up to it, without the extra request.
    handler = erp({ all, cap: 50, total: 300 });
    requests.length = 0;
    assert.equal((await pullSource(cfg({ pageSize: 100 }), fetch, fast)).records.length, 300);
    assert.equal(requests.length, 6);
  });

  it('(c) fails at page 2 when an ERP ignoring `page` gives no total; an endless ERP fails at the page cap', async () => {
    handler = erp({ all: many(300), cap: 100, ignorePage: true });
    requests.length = 0;
    await assert.rejects(pullSource(cfg({ pageSize: 100 }), fetch, fast), /l’ERP ignore la pagination/);
    assert.equal(requests.length, 2);

    // New contracts on every page, never an empty one: bounded, not held in memory forever.
    handler = (_req, res, url) => json(res, 200, { contrats: [item(Number(url.searchParams.get('page')))] });
    requests.length = 0;
    await assert.rejects(pullSource(cfg(), fetch, { ...fast, maxPages: 20 }), (err: unknown) => {
      assert.ok(err instanceof SourceError);
      assert.match(err.message, /^Pagination sans fin de l’ERP .*: 20 contrats en 20 pages sans page vide ni total atteint/);
      return true;
    });
    assert.equal(requests.length, 20);
  });
});

describe('pullRecordStream', () => {
  /** 100,000 levels of arrays, as the page's JSON text (JSON.stringify of it would overflow the stack). */
  const deepJson = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;

  it('hands over one batch per page; an item nested 100,000 levels deep is rejected alone, with an excerpt', async () => {
    const all = [item(1), item(2), item(3), item(4), item(5)];
    handler = (_req, res, url) => {
      const page = Number(url.searchParams.get('page'));
      const items = all.slice((page - 1) * 2, page * 2).map((i) => JSON.stringify(i));
      // The first item of page 2 is the hostile one: the repeated-page check must not walk it recursively either.
      if (page === 2) items[0] = `{"codeContrat":"CT3","apprenant":${deepJson}}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"total":5,"contrats":[${items.join(',')}]}`);
    };
    const stream = pullRecordStream(cfg(), fetch, fast);
    const sizes: number[] = [];
    const records: ReceivedRecord[] = [];
    for await (const batch of stream.batches()) {
      sizes.push(batch.length);
      records.push(...batch);
    }
    assert.deepEqual(sizes, [2, 2, 1]);
    assert.deepEqual(
      records.map((r) => r.index),
      [0, 1, 2, 3, 4],
    );
    assert.equal(records[2].malformed, 'élément 3 (index 2) : enregistrement refusé sans être lu, profondeur supérieure à 32');
    assert.ok(
      typeof records[2].raw === 'string' &&
        records[2].raw.startsWith('{"codeContrat":"CT3","apprenant":[[[[') &&
        records[2].raw.length <= 200,
    );
    assert.deepEqual(records[2].fields, {});
    assert.equal(records[3].fields.codeContrat, 'CT4');
    assert.doesNotThrow(() => JSON.stringify(records));
    assert.equal(stream.meta.pages, 3);
    assert.equal(stream.meta.received, 5);
  });

  it('a failure mid-way is thrown from the iteration, after the pages before it were handed over', async () => {
    const all = [item(1), item(2), item(3), item(4), item(5)];
    handler = (req, res, url) => {
      if (url.searchParams.get('page') === '2') return json(res, 404, { error: 'not found' });
      paged(all)(req, res, url);
    };
    const stream = pullRecordStream(cfg(), fetch, fast);
    let handed = 0;
    await assert.rejects(
      (async () => {
        for await (const batch of stream.batches()) handed += batch.length;
      })(),
      (err: unknown) => err instanceof SourceError && /HTTP 404/.test(err.message),
    );
    assert.equal(handed, 2);
  });
});
