import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { DataSource } from 'typeorm';
import { readOrganisation } from '@duban/domain';
import { AuditRepository } from './repositories/audit.repository';
import { OrgRepository, type PersonView, type UnitView } from './repositories/org.repository';

export const SAMPLE_ORG_FILE = path.resolve(
  __dirname,
  '../../../samples/org/district-civil-affairs-bureau.yaml',
);

export interface SampleOrganisation {
  readonly org: OrgRepository;
  readonly people: PersonView[];
  readonly units: UnitView[];
  /** The id of a sample unit, by name. */
  unitId(name: string): string;
}

/** The sample district bureau (14 units, 27 people) loaded into a migrated database: tests, benches. */
export async function importSampleOrganisation(
  dataSource: DataSource,
): Promise<SampleOrganisation> {
  const org = new OrgRepository(dataSource, new AuditRepository(dataSource));
  await org.importOrganisation(
    readOrganisation(parse(fs.readFileSync(SAMPLE_ORG_FILE, 'utf8'))),
    null,
  );
  const units = await org.listUnits();
  return {
    org,
    people: await org.listPeople(),
    units,
    unitId: (name) => units.find((u) => u.name === name)?.id ?? '',
  };
}
