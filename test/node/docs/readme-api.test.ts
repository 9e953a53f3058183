/** The README's embed reference is generated from the components' JSDoc: it must match what the analyzer reads now. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

test('README embed tables match custom-elements.json (run `npm run docs` after changing a component)', () => {
  // cem resolves --outdir against the working directory.
  const outdir = 'test-output/cem';
  const cem = spawnSync(
    'node_modules/.bin/cem',
    ['analyze', '--litelement', '--globs', 'widget/**/*.component.ts', '--quiet', '--outdir', outdir],
    { encoding: 'utf8' },
  );
  assert.equal(cem.status, 0, cem.stderr);
  const manifest = JSON.parse(readFileSync(`${outdir}/custom-elements.json`, 'utf8')) as {
    modules: { declarations?: { tagName?: string }[] }[];
  };
  const tags = manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .map((d) => d.tagName)
    .filter(Boolean)
    .sort();
  assert.deepEqual(tags, ['erp-sync-data', 'erp-sync-history']);
  const check = spawnSync(process.execPath, ['demo/scripts/api-docs.mjs', `${outdir}/custom-elements.json`, '--check'], {
    encoding: 'utf8',
  });
  assert.equal(check.status, 0, check.stderr || check.stdout);
});
