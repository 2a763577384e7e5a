import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { ROLES, ROLE_LABELS, type Role } from '@duban/domain';
import { AuditRepository, OrgRepository } from '@duban/persistence';
import { generatePassword, hashPassword } from '@duban/security';
import { cliActor } from './cli-actor';
import { readOrganisationFile } from './commands/org.command';

const SAMPLE_ORG = path.resolve(
  __dirname,
  '../../../samples/org/district-civil-affairs-bureau.yaml',
);

/** The sample unit with the most items in the sample plan: its people have the most to see. */
const SHOWCASE_UNIT = 'elderly-care';

export interface DemoAccount {
  readonly username: string;
  readonly unitCode: string | null;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly password: string;
}

/**
 * The embedded default's demo bureau: the sample organisation, each person with a random
 * password generated once and kept (mode 0600) in the data directory, so every start can show
 * them. A configured database never gets these.
 */
export async function ensureDemoAccounts(
  dataSource: DataSource,
  dataDir: string,
): Promise<DemoAccount[]> {
  const org = new OrgRepository(dataSource, new AuditRepository(dataSource));
  await org.importOrganisation(readOrganisationFile(SAMPLE_ORG), cliActor());
  const file = path.join(dataDir, 'demo-accounts.json');
  const passwords: Record<string, string> = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  const unitCodes = new Map((await org.listUnits()).map((unit) => [unit.id, unit.code]));
  const accounts: DemoAccount[] = [];
  for (const person of await org.listPeople()) {
    let password = passwords[person.username];
    if (!person.canLogin || password === undefined) {
      password = generatePassword();
      await org.setPassword(person.id, await hashPassword(password), cliActor());
      passwords[person.username] = password;
      fs.writeFileSync(file, JSON.stringify(passwords, null, 2), { mode: 0o600 });
    }
    accounts.push({
      username: person.username,
      unitCode: (person.unitId && unitCodes.get(person.unitId)) ?? null,
      name: person.name,
      roles: person.roles,
      password,
    });
  }
  return accounts;
}

/** One account per role, from the showcase unit where it has one; the file lists the rest. */
export function demoAccountLines(accounts: readonly DemoAccount[], dataDir: string): string[] {
  const lines = ROLES.flatMap((role) => {
    const holders = accounts.filter((a) => a.roles.includes(role));
    const account = holders.find((a) => a.unitCode === SHOWCASE_UNIT) ?? holders[0];
    return account
      ? [
          `  ${role.padEnd(17)} ${account.username.padEnd(14)} ${account.password}  ${ROLE_LABELS[role]} ${account.name}`,
        ]
      : [];
  });
  return [
    'demo accounts (embedded database only; all in ' +
      path.join(dataDir, 'demo-accounts.json') +
      '):',
    ...lines,
  ];
}
