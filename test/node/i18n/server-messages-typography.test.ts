/**
 * The server's own French messages (HTTP errors, run and source messages, CLI output) follow
 * the same typography as the widgets: they reach the admin through the API and the console.
 * They live as literals in the code, so the test reads the sources instead of a table.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isFrench, stringLiterals, typographyFaults } from '../support/string-literals.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function* typescriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typescriptFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

test('the scanner finds literals and skips comments and regular expressions', () => {
  const src = [
    "// l'ERP in a comment",
    // An escaped brace, so that this file's own literal holds a template without being one.
    `const a = /l'x/.test(s) ? 'Entreprise manquante' : \`Import $\{id} de l'ERP\`;`,
    '/* « bad » */ const b = "n\'est pas";',
  ].join('\n');
  const texts = stringLiterals(src).map((l) => l.text);
  assert.deepEqual(texts, ['Entreprise manquante', "Import   de l'ERP", "n'est pas"]);
  assert.deepEqual(typographyFaults("Import de l'ERP"), ['straight apostrophe']);
  assert.deepEqual(typographyFaults('Paramètre « x » invalide : y'), ['plain space before : ; ! ? »', 'plain space after «']);
  assert.deepEqual(typographyFaults('Paramètre\u202f«\u202fx\u202f» invalide\u202f: l’ERP'), []);
});

test('every French message in the server follows French typography', () => {
  const faults: string[] = [];
  let french = 0;
  for (const file of typescriptFiles(join(root, 'server'))) {
    for (const literal of stringLiterals(readFileSync(file, 'utf8'))) {
      if (!isFrench(literal.text)) continue;
      french++;
      for (const fault of typographyFaults(literal.text)) {
        faults.push(`${relative(root, file)}:${literal.line}: ${fault}\n    ${literal.text}`);
      }
    }
  }
  assert.ok(french > 40, `only ${french} French messages found: the scan misses files`);
  assert.deepEqual(faults, []);
});
