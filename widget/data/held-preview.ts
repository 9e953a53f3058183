/**
 * What approving a held run would do, for the confirmation dialog of <erp-sync-data>: the run
 * under review, which list is shown (contracts to archive or to change), its search and page, and
 * the page fetched from GET /runs/:id/preview. Nothing is fetched while no run is under review.
 * approve-dialog.ts draws it.
 */
import type { initialState } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { heldEffectKind, heldPreview, runSummary } from '../../contract/api.ts';
import type { ApiController, ApiTask } from '../shared/controllers/api-controller.ts';
import { PagingController } from '../shared/controllers/paging-controller.ts';
import { SearchController } from '../shared/controllers/search-controller.ts';

type Args = readonly [string | null, heldEffectKind, string, number, number];

export class HeldPreview {
  /** The held run under review; null while the dialog is closed. */
  run: runSummary | null = null;
  kind: heldEffectKind = 'archive';
  /** Confirm was pressed and the approval is on its way. */
  confirming = false;
  /** Words of a failed approval, said inside the dialog. */
  error = '';
  /** Each list's size, once seen without a search (for the toggle buttons' counts). */
  readonly totals = new Map<heldEffectKind, number>();

  readonly search: SearchController;
  readonly paging: PagingController;
  readonly task: ApiTask<Args, heldPreview>;

  private readonly host: ReactiveControllerHost;

  /** `idle`: @lit/task's initialState, handed over by the element (see SharedPieces in approve-dialog.ts). */
  constructor(host: ReactiveControllerHost, api: ApiController, pageSize: number, idle: typeof initialState) {
    this.host = host;
    this.paging = new PagingController(host, pageSize);
    this.search = new SearchController(host, { onCommit: () => this.paging.reset() });
    this.task = api.task({
      args: (): Args => [this.run?.id ?? null, this.kind, this.search.query, this.paging.offset, this.paging.limit],
      task: (client, [runId, kind, q, offset, limit], signal) =>
        runId ? client.heldPreview(runId, { kind, q, offset, limit }, signal) : Promise.resolve(idle),
      onComplete: (page) => {
        this.paging.setTotal(page.total);
        if (!this.search.query) this.totals.set(page.kind, page.total);
      },
    });
  }

  /** Starts reviewing a held run: its archived contracts first, when it archives any. */
  open(run: runSummary): void {
    this.run = run;
    this.kind = run.held && run.held.wouldArchive === 0 && run.held.fieldUpdates.length > 0 ? 'update' : 'archive';
    this.confirming = false;
    this.error = '';
    this.totals.clear();
    if (run.held) this.totals.set('archive', run.held.wouldArchive);
    this.search.reset();
    this.paging.reset();
    this.host.requestUpdate();
  }

  close(): void {
    this.run = null;
    this.confirming = false;
    this.host.requestUpdate();
  }

  show(kind: heldEffectKind): void {
    if (kind === this.kind) return;
    this.kind = kind;
    this.paging.reset();
    this.host.requestUpdate();
  }
}
