/**
 * Notifications after runs, on real components: the runner and a SQLite file, a real SMTP
 * server (smtp-server) receiving nodemailer's messages, a local HTTP receiver checking webhook
 * signatures. A notable run (newly rejected contracts, held, failed) is notified; an unchanged
 * or clean one is not; e-mails go each run or in a daily digest; webhooks never hold a run.
 */
import { strict as assert } from 'node:assert';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../../server/config/load.ts';
import { parsePushBody } from '../../../server/sources/index.ts';
import { openProduct, type Product } from '../../../server/node/open-product.ts';
import { contract, SECRET, snap, type Flat } from '../engine/helpers.ts';
import { startMailCatcher, type MailCatcher, type ReceivedMail } from '../support/mail.ts';
import { startWebhookReceiver, type Delivery, type WebhookReceiver } from '../support/webhook-receiver.ts';

const HOOK_SECRET = 'webhook-secret-0123456789';
const PAGE = 'https://lms.example.fr/admin/synchro-erp?org={org}';

let dir: string;
let smtp: MailCatcher;
let hooks: WebhookReceiver;
let product: Product;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'erp-sync-notify-'));
  smtp = await startMailCatcher();
  // The first delivery fails (500): the second attempt, after a backoff, succeeds.
  hooks = await startWebhookReceiver([500, 200]);
  const config = parseConfig({
    database: join(dir, 'erp-sync.sqlite'),
    auth: { jwtSecret: SECRET },
    notifications: {
      smtp: { host: '127.0.0.1', port: smtp.port, from: 'Synchro ERP <synchro@lms.example.fr>' },
      pageUrl: PAGE,
      webhook: { retries: 3, backoffMs: 20, timeoutMs: 5_000 },
    },
    organizations: [
      {
        id: 'cfa-lyon',
        name: 'CFA Lyon',
        erpToken: 'erp-token-lyon-0123456789',
        source: { kind: 'push' },
        notifications: {
          email: { to: ['admin@cfa-lyon.fr', 'direction@cfa-lyon.fr'] },
          webhook: { url: hooks.url, secret: HOOK_SECRET },
        },
      },
      {
        id: 'cfa-annecy',
        name: 'CFA Annecy',
        erpToken: 'erp-token-annecy-0123456789',
        source: { kind: 'push' },
        notifications: { email: { to: ['admin@cfa-annecy.fr'], mode: 'daily-digest', lang: 'en' } },
      },
    ],
  });
  product = await openProduct(config, { executor: 'thread' });
});

after(async () => {
  await product.close();
  await hooks.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (n: number, over: Record<number, Flat> = {}) => Array.from({ length: n }, (_, i) => contract(i + 1, over[i + 1] ?? {}));
const run = (org: string, r: Flat[]) => product.runner.importInput(org, snap(parsePushBody(JSON.stringify(r), 1e9)));
const mailsTo = (address: string): ReceivedMail[] => smtp.messages.filter((m) => m.to.includes(address));

/** Nothing personal of the fixtures is in a message: names and e-mails of learners and tutors. */
function assertNoPersonalData(text: string): void {
  for (const c of rows(10)) {
    for (const f of [
      'nomApprenant',
      'prenomApprenant',
      'emailApprenant',
      'nomMaitreApprentissage',
      'emailMaitreApprentissage',
      'emailPersonnel',
    ]) {
      assert.ok(!text.includes(c[f]), `${f} ${c[f]} must not be sent`);
    }
  }
}

function assertSigned(d: Delivery): Record<string, unknown> {
  const expected = `sha256=${createHmac('sha256', HOOK_SECRET).update(d.body).digest('hex')}`;
  const given = String(d.headers['x-erp-sync-signature']);
  assert.ok(given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected)), 'signature');
  const payload = JSON.parse(d.body) as Record<string, unknown>;
  assert.equal(
    Number(d.headers['x-erp-sync-timestamp']),
    Math.floor(Date.parse(String(payload.sentAt)) / 1000),
    'the timestamp is the signed sentAt',
  );
  assert.equal(d.headers['content-type'], 'application/json');
  return payload;
}

test('a clean run notifies nobody', async () => {
  const r = await run('cfa-lyon', rows(10));
  assert.equal(r.run.status, 'succeeded');
  await product.notifier.idle();
  assert.deepEqual(smtp.messages, []);
  assert.deepEqual(hooks.deliveries, []);
});

test('newly rejected contracts: one e-mail in French with counts, reasons in words and the link; one signed webhook, retried', async () => {
  const bad = { 3: { nomEntreprise: '' }, 4: { nomEntreprise: '' }, 5: { emailMaitreApprentissage: 'tuteur.at.example' } };
  const r = await run('cfa-lyon', rows(10, bad));
  assert.equal(r.run.counts.newlyRejected, 3);
  await product.notifier.idle();

  const mails = mailsTo('admin@cfa-lyon.fr');
  assert.equal(mails.length, 1);
  const mail = mails[0];
  assert.deepEqual(mail.to, ['admin@cfa-lyon.fr', 'direction@cfa-lyon.fr']);
  assert.equal(mail.from, 'synchro@lms.example.fr');
  assert.equal(mail.subject, '[Synchro ERP] CFA Lyon\u202f: 3 contrat(s) nouvellement non intégré(s)');
  assert.match(mail.text, /^Bonjour,/);
  assert.match(mail.text, /3 contrat\(s\) reçu\(s\) de l’ERP ne sont plus ou pas intégrés/);
  assert.match(mail.text, /Contrats reçus\u202f: 10\nIntégrés\u202f: 10\nNon intégrés\u202f: 3\n/);
  assert.match(
    mail.text,
    /Motifs les plus fréquents des contrats non intégrés\u202f:\n- Entreprise manquante\u202f: 2\n- Email maître d’apprentissage invalide\u202f: 1\n/,
  );
  assert.ok(mail.text.includes('https://lms.example.fr/admin/synchro-erp?org=cfa-lyon'), mail.text);
  assertNoPersonalData(mail.text);

  // The webhook: refused once (500), delivered on the retry, the same delivery both times.
  assert.equal(hooks.deliveries.length, 2);
  const [first, second] = hooks.deliveries;
  assert.deepEqual([first.status, second.status], [500, 200]);
  assert.equal(first.headers['x-erp-sync-delivery'], second.headers['x-erp-sync-delivery']);
  assert.equal(first.body, second.body);
  const payload = assertSigned(second);
  assert.equal(second.headers['x-erp-sync-event'], 'run.rejected');
  assert.deepEqual(
    { event: payload.event, org: payload.organization, url: payload.url },
    { event: 'run.rejected', org: { id: 'cfa-lyon', name: 'CFA Lyon' }, url: 'https://lms.example.fr/admin/synchro-erp?org=cfa-lyon' },
  );
  const sent = payload.run as { id: string; counts: { newlyRejected: number } };
  assert.equal(sent.id, r.runId);
  assert.equal(sent.counts.newlyRejected, 3);
  assert.deepEqual(payload.topReasons, [
    { code: 'EMPLOYER_MISSING', count: 2, label: 'Entreprise manquante' },
    { code: 'TUTOR_EMAIL_INVALID', count: 1, label: 'Email maître d’apprentissage invalide' },
  ]);
  assertNoPersonalData(second.body);
});

test('the same snapshot again changes nothing: nothing is sent', async () => {
  const mails = smtp.messages.length;
  const deliveries = hooks.deliveries.length;
  const r = await run(
    'cfa-lyon',
    rows(10, { 3: { nomEntreprise: '' }, 4: { nomEntreprise: '' }, 5: { emailMaitreApprentissage: 'tuteur.at.example' } }),
  );
  assert.equal(r.run.counts.newlyRejected, 0);
  await product.notifier.idle();
  assert.equal(smtp.messages.length, mails);
  assert.equal(hooks.deliveries.length, deliveries);
});

test('a held run: its figures and what to do; a slow webhook receiver never holds the runs', async () => {
  hooks.hold();
  const before = hooks.deliveries.length;
  const held = await run('cfa-lyon', rows(2));
  assert.equal(held.run.status, 'held');
  // The held run's webhook is at the receiver, unanswered...
  while (hooks.deliveries.length === before) await new Promise((r) => setTimeout(r, 20));
  // ...and the next run completes all the same (a failed one: a file that cannot be read).
  await assert.rejects(product.runner.importInput('cfa-lyon', { kind: 'file', path: join(dir, 'absent.json') }));
  hooks.release();
  await product.notifier.idle();

  const [heldMail, failedMail] = mailsTo('admin@cfa-lyon.fr').slice(1);
  assert.equal(heldMail.subject, '[Synchro ERP] CFA Lyon\u202f: un import attend votre validation');
  assert.match(heldMail.text, /Il archiverait 8 des 10 contrats intégrés \(seuil\u202f: 20\s%\)\./u);
  assert.match(heldMail.text, /Rien n’a été appliqué\. Vérifiez l’export de l’ERP, puis approuvez l’import/);
  assert.equal(failedMail.subject, '[Synchro ERP] CFA Lyon\u202f: l’import a échoué');
  assert.match(
    failedMail.text,
    /Un import a échoué\u202f: les données de la plateforme sont inchangées\.\n\nErreur\u202f: Impossible de lire .*absent\.json\u202f: fichier introuvable \(ENOENT\)\./,
  );
  const events = hooks.deliveries.slice(before).map((d) => [assertSigned(d).event, d.status]);
  assert.deepEqual(events, [
    ['run.held', 200],
    ['run.failed', 200],
  ]);
});

test('daily digest, in English: nothing at each run, one e-mail for the day, nothing when the day had nothing', async () => {
  await run('cfa-annecy', rows(6));
  const r = await run('cfa-annecy', rows(6, { 1: { nomEntreprise: '' }, 2: { nomEntreprise: '' } }));
  assert.equal(r.run.counts.newlyRejected, 2);
  await product.notifier.idle();
  assert.deepEqual(mailsTo('admin@cfa-annecy.fr'), [], 'not at each run');

  // The scheduled digest fires on every instance sharing the database: the first to claim it sends it.
  const occurrence = new Date().toISOString();
  await product.notifier.sendDigests(new Date(), occurrence);
  await product.notifier.sendDigests(new Date(), occurrence);
  const [digest] = mailsTo('admin@cfa-annecy.fr');
  assert.equal(mailsTo('admin@cfa-annecy.fr').length, 1, 'one e-mail per occurrence, whoever fires it');
  assert.equal(digest.subject, '[ERP sync] CFA Annecy: 1 import(s) to check');
  assert.match(digest.text, /Summary of the last 24 hours: 1 import\(s\) need your attention\./);
  assert.match(digest.text, /2 contract\(s\) received from the ERP are newly not integrated/);
  assert.match(digest.text, /Not integrated: 2\n/);
  assert.match(digest.text, /- Employer missing: 2\n/);
  assert.ok(digest.text.includes('https://lms.example.fr/admin/synchro-erp?org=cfa-annecy'));
  assertNoPersonalData(digest.text);

  await product.notifier.sendDigests(new Date(Date.now() + 3 * 24 * 3600 * 1000));
  assert.equal(mailsTo('admin@cfa-annecy.fr').length, 1, 'a day without notable runs sends nothing');
});
