import type { RecordedAttempt } from '@duban/persistence';
import type { ClaimedBatch } from './claimed-rows';
import type { NotificationDeps } from './notification-deps';

/** Results written per commit. */
const RECORD_GROUP = 25;

interface Unwritten {
  readonly results: RecordedAttempt[];
  /** Rows of the batch whose result is not known yet. */
  open: number;
}

/**
 * Writes results in small groups, each one commit, while sending goes on: a commit per message
 * would cost more than the message. A group is written when it is full or its batch is
 * complete. A sender that dies with results not yet written leaves those rows `sending`, and
 * they end `unknown`, never sent twice.
 */
export class ResultWriter {
  private readonly unwritten = new Map<ClaimedBatch, Unwritten>();
  private readonly writes: Promise<void>[] = [];
  private failure: { readonly error: unknown } | null = null;

  constructor(
    private readonly deps: NotificationDeps,
    private readonly onRecorded: () => void,
  ) {}

  /** A result could not be written: nothing more should go out, its result could not be kept. */
  get failed(): boolean {
    return this.failure !== null;
  }

  add(batch: ClaimedBatch, result: RecordedAttempt): void {
    const group = this.unwritten.get(batch) ?? { results: [], open: batch.rows.length };
    this.unwritten.set(batch, group);
    group.results.push(result);
    group.open -= 1;
    if (group.results.length >= RECORD_GROUP || group.open === 0) {
      this.write(batch.token, group.results.splice(0));
    }
    if (group.open === 0) this.unwritten.delete(batch);
  }

  /** Writes what is left (batches given back part-way) and waits for every write. */
  async written(): Promise<void> {
    for (const [batch, group] of this.unwritten) this.write(batch.token, group.results.splice(0));
    this.unwritten.clear();
    await Promise.all(this.writes);
  }

  private write(token: string, results: readonly RecordedAttempt[]): void {
    if (results.length === 0) return;
    const write = this.deps.notifications
      .recordAll(token, results, this.deps.now())
      .then(() => results.forEach(this.onRecorded));
    write.catch((error: unknown) => (this.failure ??= { error }));
    this.writes.push(write);
  }
}
