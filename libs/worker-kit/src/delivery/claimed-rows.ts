import type { ChatWebhookSpec } from '@duban/domain';
import type { OutboxRow, PersonView } from '@duban/persistence';
import type { NotificationDeps } from './notification-deps';

export interface Recipients {
  readonly people: ReadonlyMap<string, PersonView>;
  readonly webhooks: ReadonlyMap<string, ChatWebhookSpec>;
}

/** Rows one sender holds under one claim token, with whom they go to. */
export interface ClaimedBatch {
  readonly token: string;
  readonly rows: readonly OutboxRow[];
  readonly recipients: Recipients;
}

export interface ClaimedRow {
  readonly batch: ClaimedBatch;
  readonly row: OutboxRow;
}

/**
 * Due rows, handed out one at a time to the sending lanes. Rows are claimed a batch at a time,
 * and the next batch is claimed while the current one is half handed out, so a lane never waits
 * for the database. No batch is claimed after `until`; what is claimed is handed out.
 */
export class ClaimedRows {
  private current: ClaimedBatch | null = null;
  private index = 0;
  private next: Promise<ClaimedBatch | null> | null;
  private stopped = false;
  /** Rows handed out so far. */
  taken = 0;
  /** The last batch claimed was full and none was claimed after it: more may be due. */
  more = false;

  constructor(
    private readonly deps: NotificationDeps,
    private readonly batchSize: number,
    private readonly until: number,
  ) {
    this.next = this.claim();
  }

  /** The next row to try, or null when there is none (or `stop` was called). */
  async take(): Promise<ClaimedRow | null> {
    for (;;) {
      if (this.stopped) return null;
      const { current } = this;
      if (current && this.index < current.rows.length) {
        const row = current.rows[this.index++] as OutboxRow;
        this.taken += 1;
        if (this.index === Math.ceil(current.rows.length / 2)) this.claimAhead(current);
        return { batch: current, row };
      }
      const { next } = this;
      if (!next) return null;
      const claimed = await next;
      // Several lanes may wait for the same claim: the first one back installs it.
      if (this.next === next) {
        this.next = null;
        this.current = claimed;
        this.index = 0;
        if (!claimed) return null;
      }
    }
  }

  private claimAhead(current: ClaimedBatch): void {
    const full = current.rows.length === this.batchSize;
    if (full && Date.now() < this.until) this.next = this.claim();
    else this.more = full;
  }

  private claim(): Promise<ClaimedBatch | null> {
    const claimed = claimBatch(this.deps, this.batchSize);
    // A claim made ahead may fail before a lane waits for it; the lane that does sees the error.
    claimed.catch(() => undefined);
    return claimed;
  }

  /**
   * Hands out nothing more and gives back every claimed row not handed out, as if never taken.
   * If even that fails (the database is gone), their lease runs out and they end `unknown`.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    const { current, index, next } = this;
    this.current = null;
    this.next = null;
    const ahead = await next?.catch(() => null);
    await Promise.all([
      current && giveBack(this.deps, current.token, current.rows.slice(index)),
      ahead && giveBack(this.deps, ahead.token, ahead.rows),
    ]);
  }
}

/** Rows whose sender died (their claim outlived the lease) are written off as `unknown`. */
export async function expireClaims(deps: NotificationDeps): Promise<void> {
  await deps.notifications.expireClaims(
    new Date(deps.now().getTime() - deps.settings.claimLeaseMs),
  );
}

/** Up to `limit` due rows, claimed for this sender, with whom they go to. */
async function claimBatch(deps: NotificationDeps, limit: number): Promise<ClaimedBatch | null> {
  const { token, rows } = await deps.notifications.claimDue(limit, deps.now());
  if (rows.length === 0) return null;
  const [people, webhooks] = await Promise.all([deps.org.listPeople(), deps.org.chatWebhooks()]);
  return { token, rows, recipients: { people: new Map(people.map((p) => [p.id, p])), webhooks } };
}

async function giveBack(
  deps: NotificationDeps,
  token: string,
  rows: readonly OutboxRow[],
): Promise<void> {
  try {
    await deps.notifications.release(
      token,
      rows.map((row) => row.id),
    );
  } catch {
    // The lease is the fallback; the caller sees the error that stopped the sending.
  }
}
