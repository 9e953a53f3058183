/**
 * The layer rules are enforced, not only written: a forbidden import planted in a copy of the
 * repository fails the boundary check, a Node global in a widget fails the browser world's
 * type-check, a DOM global in a server edge fails the Node world's, and the README's table is
 * the one layers.ts generates.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkLayers, README_END, README_START } from '../../architecture/check-layers.ts';
import { layersMarkdown } from '../../architecture/layers.ts';

const root = process.cwd();
let copy = '';

/** A copy of the tracked and new source files, sharing node_modules, to plant files in. */
function copyRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'erp-sync-layers-'));
  const files = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .stdout.split('\n')
    .filter((f) => f !== '' && /\.(ts|json|mjs)$/.test(f) && !f.startsWith('dist/') && existsSync(join(root, f)));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(root, f), join(dir, f));
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function plant(path: string, text: string): () => void {
  const full = join(copy, path);
  writeFileSync(full, text);
  return () => rmSync(full);
}

function tsc(tsconfig: string): { status: number | null; out: string } {
  const r = spawnSync(join(copy, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', tsconfig], { cwd: copy, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('layers', () => {
  before(() => {
    copy = copyRepo();
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  test('the repository as it is has no violation, and the check sees hundreds of edges', () => {
    const { edges, violations } = checkLayers(copy);
    assert.deepEqual(
      violations.map((v) => v.message),
      [],
    );
    assert.ok(edges > 500, `only ${edges} edges seen: the check is blind`);
  });

  test('a widget importing the SQLite store, a Node module or hono is refused', () => {
    const remove = plant(
      'widget/planted.ts',
      [
        "import type { Store } from '../server/store/store.ts';",
        "import { readFileSync } from 'node:fs';",
        "import { Hono } from 'hono';",
        'export type S = Store;',
        'export const r = [readFileSync, Hono];',
      ].join('\n'),
    );
    try {
      const found = checkLayers(copy)
        .violations.filter((v) => v.edge.from === 'widget/planted.ts')
        .map((v) => v.edge.spec)
        .sort();
      assert.deepEqual(found, ['../server/store/store.ts', 'hono', 'node:fs']);
    } finally {
      remove();
    }
  });

  test('the HTTP layer reaching past the store seam into SQLite is refused', () => {
    const remove = plant('server/http/planted.ts', "export { openSqliteStore } from '../store/sqlite/index.ts';\n");
    try {
      const v = checkLayers(copy).violations.find((x) => x.edge.from === 'server/http/planted.ts');
      assert.ok(v, 'no violation reported');
      assert.match(v.message, /server\/http\/ may not import server\/store\/sqlite\//);
    } finally {
      remove();
    }
  });

  test('the lint command fails on a planted violation (exit status, not only a message)', () => {
    const remove = plant('server/core/planted.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/architecture/check-layers.ts'), '--root', copy], {
        encoding: 'utf8',
      });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /server\/core\/planted\.ts: import 'node:fs'/);
    } finally {
      remove();
    }
  });

  test('a Node global in a widget file is a type error in the browser world', () => {
    const remove = plant('widget/planted.ts', 'export const home: string | undefined = process.env.HOME;\n');
    try {
      const r = tsc('tsconfig.json');
      assert.notEqual(r.status, 0);
      assert.match(r.out, /widget\/planted\.ts.*Cannot find name 'process'/);
    } finally {
      remove();
    }
  });

  test('a DOM global in a server edge is a type error in the Node world', () => {
    const remove = plant('server/node/planted.ts', 'export const w = document.title;\n');
    try {
      const r = tsc('tsconfig.node.json');
      assert.notEqual(r.status, 0);
      assert.match(r.out, /server\/node\/planted\.ts.*Cannot find name 'document'/);
    } finally {
      remove();
    }
  });

  test("the README's architecture table is the one layers.ts generates (npm run docs)", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const a = readme.indexOf(README_START);
    const b = readme.indexOf(README_END);
    assert.ok(a >= 0 && b > a, 'README.md lacks the layers markers');
    assert.equal(readme.slice(a + README_START.length, b).trim(), layersMarkdown());
  });
});
