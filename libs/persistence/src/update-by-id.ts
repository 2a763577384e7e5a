import type { DataSource, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

/** One row's new values, by primary key `id`. */
interface RowChange<E> {
  readonly id: string;
  readonly values: Partial<E>;
}

/**
 * Updates many rows to different values in one statement —
 * `SET c = CASE id WHEN … THEN … ELSE c END` per column — limited to the rows `where` admits.
 * One round trip instead of one per row. Returns how many rows changed.
 */
export async function updateById<E extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
  changes: readonly RowChange<E>[],
  where: Partial<E>,
): Promise<number> {
  if (changes.length === 0) return 0;
  const { driver } = dataSource;
  const metadata = dataSource.getMetadata(entity);
  const idColumn = driver.escape('id');
  const parameters: Record<string, unknown> = {};
  changes.forEach((change, i) => (parameters[`row${i}`] = change.id));
  const properties = [...new Set(changes.flatMap((change) => Object.keys(change.values)))];
  const set = Object.fromEntries(
    properties.map((property, p) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.tableName} has no column for ${property}`);
      const whens = changes.flatMap((change, i) => {
        if (!(property in change.values)) return [];
        parameters[`v${p}_${i}`] = driver.preparePersistentValue(change.values[property], column);
        return [`WHEN :row${i} THEN :v${p}_${i}`];
      });
      const name = driver.escape(column.databaseName);
      return [property, () => `CASE ${idColumn} ${whens.join(' ')} ELSE ${name} END`];
    }),
  ) as QueryDeepPartialEntity<E>;
  const result = await dataSource
    .createQueryBuilder()
    .update(entity)
    .set(set)
    .where(`${idColumn} IN (:...rowIds)`, { rowIds: changes.map((c) => c.id) })
    .andWhere(where)
    .setParameters(parameters)
    .execute();
  return result.affected ?? 0;
}
