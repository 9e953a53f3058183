/**
 * The boundary check: every import edge of the project, as the TypeScript compiler itself
 * resolved it (`tsc --traceResolution` on both worlds' tsconfigs), held against layers.ts.
 *
 * Why the compiler's own graph: TypeScript 7 has no JavaScript API, so rule checkers that
 * load TypeScript (typescript-eslint, dependency-cruiser's TS support) either refuse to run or
 * silently see no `.ts` edge, and a checker that sees no edge reports no violation. Reading
 * what `tsc` resolved cannot miss an import the build follows (type-only ones included).
 *
 *   node --import tsx test/architecture/check-layers.ts [--root DIR]   exit 1 on a violation
 */
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { allows, type Layer, layerOf, layersMarkdown } from './layers.ts';

export interface Edge {
  from: string;
  spec: string;
  /** Repository-relative path of the imported file, or null for a package or built-in module. */
  to: string | null;
}

export interface Violation {
  edge: Edge;
  message: string;
}

const TSCONFIGS = ['tsconfig.json', 'tsconfig.node.json', 'test/browser/tsconfig.json', 'test/e2e/tsconfig.json'];
const BUILTINS = new Set(builtinModules);

/**
 * The import edges the compiler resolved in one tsconfig, from its resolution trace: one
 * "Resolving module" entry per import of every file (type-only ones included), whether it
 * resolved to a file, to an ambient declaration (`node:fs`) or to nothing.
 */
export function compilerEdges(root: string, tsconfig: string): Edge[] {
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const r = spawnSync(tsc, ['--noEmit', '-p', tsconfig, '--traceResolution'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const edges: Edge[] = [];
  let pending: { spec: string; from: string } | null = null;
  const finish = (to: string | null) => {
    if (!pending) return;
    const from = relative(root, pending.from);
    if (!from.startsWith('..') && !from.includes('node_modules/')) {
      const inRepo = to !== null && !to.includes('/node_modules/') && !relative(root, to).startsWith('..');
      edges.push({ from, spec: pending.spec, to: inRepo && to ? relative(root, to) : null });
    }
    pending = null;
  };
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('======== ')) continue;
    const start = /^======== Resolving module '(.+?)' from '(.+?)'\. ========$/.exec(line);
    if (start) {
      finish(null);
      pending = { spec: start[1], from: start[2] };
      continue;
    }
    const done = /^======== Module name '.+?' was successfully resolved to '(.+?)'/.exec(line);
    finish(done ? done[1] : null);
  }
  finish(null);
  if (edges.length === 0) throw new Error(`tsc --traceResolution -p ${tsconfig} listed no import: cannot check anything`);
  return edges;
}

function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]);
}

export function checkEdges(edges: readonly Edge[]): Violation[] {
  const out: Violation[] = [];
  const seen = new Set<string>();
  for (const edge of edges) {
    const key = `${edge.from}\0${edge.spec}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const from = layerOf(edge.from);
    if (!from) continue;
    const say = (message: string) => out.push({ edge, message });
    if (edge.to !== null) {
      const to = layerOf(edge.to);
      if (to && !allows(from, to)) say(`${from.path} may not import ${to.path} (allowed: ${describe(from)})`);
      continue;
    }
    if (isBuiltin(edge.spec)) {
      if (from.universal) say(`${from.path} runs in the browser too: no Node built-in module (${edge.spec})`);
      continue;
    }
    const pkg = packageOf(edge.spec);
    if (from.packages && !from.packages.includes(pkg)) {
      say(`${from.path} may not import the package ${pkg} (allowed: ${from.packages.join(', ') || 'none'})`);
    }
  }
  return out;
}

function describe(l: Layer): string {
  return l.mayImport.length ? l.mayImport.join(', ') : 'nothing of ours';
}

export function checkLayers(root: string): { edges: number; violations: Violation[] } {
  const edges = TSCONFIGS.flatMap((t) => compilerEdges(root, t));
  return { edges: edges.length, violations: checkEdges(edges) };
}

export const README_START = '<!-- layers:start (generated from test/architecture/layers.ts: npm run docs) -->';
export const README_END = '<!-- layers:end -->';

/** README.md with its architecture table regenerated from layers.ts. */
export function readmeWithLayers(readme: string): string {
  const a = readme.indexOf(README_START);
  const b = readme.indexOf(README_END);
  if (a < 0 || b < a) throw new Error('README.md has no layers markers');
  return `${readme.slice(0, a + README_START.length)}\n${layersMarkdown()}\n${readme.slice(b)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--root');
  const root = resolve(i > 0 ? process.argv[i + 1] : '.');
  if (process.argv.includes('--write-readme')) {
    const path = join(root, 'README.md');
    writeFileSync(path, readmeWithLayers(readFileSync(path, 'utf8')));
  }
  const { edges, violations } = checkLayers(root);
  for (const v of violations) console.error(`${v.edge.from}: import '${v.edge.spec}': ${v.message}`);
  console.log(`layers: ${edges} import edges checked, ${violations.length} violation(s)`);
  process.exit(violations.length ? 1 : 0);
}
