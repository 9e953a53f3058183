/** The log lines' safety net, on the texts that really reach it: V8's parse errors, the pull source's errors, tokens. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { scrub } from '../../../server/ops/scrub.ts';

function parseError(text: string): string {
  try {
    JSON.parse(text);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('valid JSON');
}

test('V8 quotes the body around a JSON error: the excerpt goes, the position stays', () => {
  const message = `JSON invalide à la ligne 1, colonne 1 (position 0) : ${parseError('Zoé Secrète, apprentie')}`;
  assert.match(message, /Zoé Secr/, 'V8 does quote it');
  assert.equal(scrub(message), 'JSON invalide à la ligne 1, colonne 1 (position 0) : Unexpected token \'Z\', "…" is not valid JSON');
});

test('the ERP answers quoted by the pull source go', () => {
  const m = `Réponse inattendue de l'ERP (http://erp/r/v1/contrats, page 1) : un objet {"total", "contrats": [...]} est attendu, reçu : [{"apprenant":{"nom":"DUPONT"}}]`;
  assert.equal(
    scrub(m),
    `Réponse inattendue de l'ERP (http://erp/r/v1/contrats, page 1) : un objet {"total", "contrats": [...]} est attendu, reçu : […]`,
  );
  assert.equal(
    scrub(`L'ERP a refusé la requête (x) : HTTP 403. Réponse : <html>Jean Dupont</html>`),
    `L'ERP a refusé la requête (x) : HTTP 403. Réponse : […]`,
  );
});

test('tokens, secrets in URLs and e-mail addresses go', () => {
  assert.equal(
    scrub(
      'Authorization: Bearer abc.def token eyJhbGciOiJIUzI1NiJ9.eyJvcmciOiJ4In0.c2ln url https://erp/x?apiKey=s3cr3t&page=2 mail jean.dupont@exemple.fr',
    ),
    'Authorization: Bearer [redacted] token [jwt] url https://erp/x?apiKey=[redacted]&page=2 mail [email]',
  );
  assert.equal(
    scrub('run r0mx31 of cfa-lyon failed: ECONNREFUSED'),
    'run r0mx31 of cfa-lyon failed: ECONNREFUSED',
    'the rest is untouched',
  );
});
