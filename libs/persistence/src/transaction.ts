import type { DataSource, EntityManager } from 'typeorm';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * `dataSource.transaction`, except that on SQLite transactions take turns: better-sqlite3 is one
 * connection, and TypeORM refuses a second transaction on it while one is open ("cannot start
 * a transaction within a transaction"). MySQL runs each on its own pooled connection.
 * Work must not call this again for the same data source: it would wait for itself.
 *
 * On SQLite each transaction also takes the write lock before it reads: TypeORM begins deferred
 * transactions, and one that reads, then writes after another process (the worker, the API) has
 * committed fails at once with SQLITE_BUSY_SNAPSHOT instead of waiting its turn.
 */
export function transaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction(work);
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const turn = previous.then(() =>
    dataSource.transaction(async (manager) => {
      // A write that changes nothing still takes the lock, waiting the busy timeout for it.
      await manager.query('UPDATE schema_migrations SET id = id WHERE 0');
      return work(manager);
    }),
  );
  sqliteQueues.set(
    dataSource,
    turn.catch(() => undefined),
  );
  return turn;
}
