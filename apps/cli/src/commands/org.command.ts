import * as fs from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { DomainException, readOrganisation, type Organisation } from '@duban/domain';
import { AuditRepository, OrgRepository } from '@duban/persistence';
import { cliActor } from '../cli-actor';
import { withDatabase } from '../database';

/** Reads a YAML or JSON organisation file (JSON is YAML) and checks it as a whole. */
export function readOrganisationFile(file: string): Organisation {
  let data: unknown;
  try {
    data = parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(`无法读取组织文件 ${file}：${reason}`);
  }
  try {
    return readOrganisation(data);
  } catch (error) {
    if (error instanceof DomainException)
      throw new Error(`组织文件 ${file} 有误：${error.message}`);
    throw error;
  }
}

export function registerOrgCommands(program: Command): void {
  const org = program.command('org').description('组织架构：单位与人员');
  org
    .command('import')
    .description('导入组织文件（YAML/JSON）：按单位代码、用户名新建或更新，重复导入不产生变化')
    .argument('<file>', '组织文件，例如 samples/org/district-civil-affairs-bureau.yaml')
    .action(async (file: string) => {
      const organisation = readOrganisationFile(file);
      const summary = await withDatabase((dataSource) =>
        new OrgRepository(dataSource, new AuditRepository(dataSource)).importOrganisation(
          organisation,
          cliActor(),
        ),
      );
      console.log(
        `组织架构已导入：单位 ${organisation.units.length} 个（新建 ${summary.units.created}，更新 ${summary.units.updated}），` +
          `人员 ${organisation.people.length} 名（新建 ${summary.people.created}，更新 ${summary.people.updated}）`,
      );
    });
}
