/**
 * Notifications after a run: subscribed to the runner's onRunEnded, never blocking it. A notable
 * run (notable.ts) gets its organisation's webhook at once, and an e-mail at once or in the next
 * daily digest. Deliveries run in the background; `idle()` waits for them (shutdown, tests).
 */
import { Cron } from 'croner';
import { reasonLabels, type runSummary } from '../../contract/index.ts';
import type { Config, OrgConfig } from '../config/schema.ts';
import { parisDate } from '../core/dates.ts';
import type { Logger } from '../ops/log.ts';
import type { Store } from '../store/store.ts';
import { digestEmail, runEmail } from './compose.ts';
import type { Mailer } from './mailer.ts';
import { notableKind, type RunNotice } from './notable.ts';
import { deliverWebhook } from './webhook.ts';

export interface NotifierDeps {
  config: Pick<Config, 'notifications' | 'organizations'>;
  store: Store;
  log: Logger;
  /** Null when no SMTP server is configured (then no organisation has e-mails: the config says so). */
  mailer: Mailer | null;
  /** Told how each delivery ended (metrics). */
  onDelivery?(channel: 'email' | 'webhook', ok: boolean): void;
  now?: () => Date;
}

export interface Notifier {
  onRunEnded(orgId: string, run: runSummary): void;
  /**
   * Sends each digest organisation's e-mail about the notable runs that ended in the 24 hours
   * before `at`. `claim`: the scheduled occurrence it is for (ISO): sent only by the first
   * instance to claim it for the organisation (several instances, one database).
   */
  sendDigests(at?: Date, claim?: string): Promise<void>;
  /** Sends the digests on `notifications.digestSchedule` (Europe/Paris) until close(). */
  scheduleDigests(): void;
  /** Resolves once every delivery under way has ended (sent, or given up), or after `timeoutMs`. */
  idle(timeoutMs?: number): Promise<void>;
  close(timeoutMs?: number): Promise<void>;
}

const DAY_MS = 24 * 3600 * 1000;

export function createNotifier(deps: NotifierDeps): Notifier {
  const { config, store, log, mailer } = deps;
  const now = deps.now ?? (() => new Date());
  const orgs = new Map(config.organizations.map((o) => [o.id, o]));
  const pending = new Set<Promise<void>>();
  let digests: Cron | null = null;

  function track(work: Promise<void>): void {
    const p = work.catch((err: unknown) => log.error('notification failed', err)).finally(() => pending.delete(p));
    pending.add(p);
  }

  function pageUrl(o: OrgConfig): string | null {
    return o.notifications?.pageUrl ?? config.notifications.pageUrl?.replaceAll('{org}', encodeURIComponent(o.id)) ?? null;
  }

  async function noticeOf(o: OrgConfig, run: runSummary): Promise<RunNotice | null> {
    const kind = notableKind(run);
    if (!kind) return null;
    // The reasons a rejection notice names are those of the state the run left; a held or failed
    // run left the state as it was, so its reasons would describe another run.
    const topReasons = kind === 'rejected' ? (await store.summary(o.id)).topReasons : [];
    return { kind, org: { id: o.id, name: o.name }, run, topReasons, pageUrl: pageUrl(o) };
  }

  async function email(o: OrgConfig, send: () => Promise<void>, what: string): Promise<void> {
    try {
      await send();
      deps.onDelivery?.('email', true);
      log.info('notification e-mail sent', { org: o.id, what, recipients: o.notifications?.email?.to.length ?? 0 });
    } catch (err) {
      deps.onDelivery?.('email', false);
      log.error('notification e-mail failed', err, { org: o.id, what });
    }
  }

  async function webhook(o: OrgConfig, n: RunNotice): Promise<void> {
    const target = o.notifications?.webhook;
    if (!target) return;
    const lang = o.notifications?.email?.lang ?? 'fr';
    const { run } = n;
    const payload = {
      event: `run.${n.kind}`,
      sentAt: now().toISOString(),
      organization: n.org,
      run: {
        id: run.id,
        status: run.status,
        source: run.source,
        date: run.date,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        counts: run.counts,
        held: run.held,
        error: run.error,
      },
      topReasons: n.topReasons.map((r) => ({ ...r, label: reasonLabels[lang][r.code] })),
      url: n.pageUrl,
    };
    const result = await deliverWebhook(target, payload.event, payload, config.notifications.webhook);
    deps.onDelivery?.('webhook', result.ok);
    const fields = { org: o.id, runId: run.id, attempts: result.attempts, last: result.last };
    if (result.ok) log.info('webhook delivered', fields);
    else log.warn('webhook given up', fields);
  }

  async function notify(o: OrgConfig, run: runSummary): Promise<void> {
    const n = await noticeOf(o, run);
    if (!n) return;
    const settings = o.notifications?.email;
    const jobs: Promise<void>[] = [webhook(o, n)];
    if (settings?.mode === 'each-run' && mailer) {
      jobs.push(email(o, () => mailer.send(settings.to, runEmail(n, settings.lang)), `run ${run.id}`));
    }
    await Promise.all(jobs);
  }

  async function digestOf(o: OrgConfig, at: Date): Promise<RunNotice[]> {
    const since = at.getTime() - DAY_MS;
    // Runs are listed by the (Paris) day they are dated: a day earlier covers any time zone edge.
    const from = parisDate(new Date(since - DAY_MS).toISOString());
    const { days } = await store.historyDays(o.id, { limit: 3, from });
    const notices: RunNotice[] = [];
    for (const day of days) {
      for (const r of day.runs) {
        const run = await store.getRun(o.id, r.id);
        const ended = run?.finishedAt ? Date.parse(run.finishedAt) : Number.NaN;
        if (!run || !(ended > since && ended <= at.getTime())) continue;
        const n = await noticeOf(o, run);
        if (n) notices.push(n);
      }
    }
    return notices.sort((a, b) => ((a.run.finishedAt ?? '') < (b.run.finishedAt ?? '') ? -1 : 1));
  }

  async function sendDigests(at = now(), claim?: string): Promise<void> {
    for (const o of orgs.values()) {
      const settings = o.notifications?.email;
      if (settings?.mode !== 'daily-digest' || !mailer) continue;
      if (claim !== undefined && !(await store.claimScheduledRun(o.id, `digest:${claim}`, now().toISOString()))) continue;
      const notices = await digestOf(o, at);
      // Nothing notable in the last 24 hours: no e-mail.
      if (notices.length > 0) await email(o, () => mailer.send(settings.to, digestEmail(notices, settings.lang)), 'digest');
    }
  }

  async function idle(timeoutMs = 30_000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((r) => {
      timer = setTimeout(r, timeoutMs);
    });
    // A digest under way may start deliveries: wait until none is left, or time is up.
    const all = (async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    })();
    await Promise.race([all, late]);
    clearTimeout(timer);
  }

  return {
    onRunEnded(orgId, run) {
      const o = orgs.get(orgId);
      if (o?.notifications) track(notify(o, run));
    },
    sendDigests,
    scheduleDigests() {
      const wanted = config.organizations.some((o) => o.notifications?.email?.mode === 'daily-digest');
      if (!wanted || digests) return;
      digests = new Cron(
        config.notifications.digestSchedule,
        { timezone: 'Europe/Paris', protect: true, catch: (e) => log.error('daily digest failed', e) },
        () => {
          const at = now();
          const occurrence = digests?.previousRuns(1, new Date(at.getTime() + 1))[0] ?? at;
          track(sendDigests(at, occurrence.toISOString()));
        },
      );
    },
    idle,
    async close(timeoutMs = 10_000) {
      digests?.stop();
      await idle(timeoutMs);
      mailer?.close();
    },
  };
}
