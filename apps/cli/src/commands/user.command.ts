import { Option, type Command } from 'commander';
import { ROLES, readPersonSpec, type Role } from '@duban/domain';
import { AuditRepository, OrgRepository } from '@duban/persistence';
import { generatePassword, hashPassword, passwordProblem } from '@duban/security';
import { cliActor } from '../cli-actor';
import { withDatabase } from '../database';

interface CreateOptions {
  readonly admin?: boolean;
  readonly role: Role[];
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly unit?: string;
  readonly passwordStdin?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('登录账户');
  user
    .command('create')
    .description(
      '新建可登录的人员；--admin 创建系统管理员。未用 --password-stdin 时生成随机密码并只显示一次',
    )
    .option('--admin', '授予 admin 角色')
    .addOption(
      new Option('--role <role>', '授予角色（可重复）')
        .choices(ROLES)
        // choices() has refused anything that is not a role before this runs.
        .argParser((value: string, previous: Role[]) => [...previous, value as Role])
        .default([]),
    )
    .requiredOption('--username <username>', '登录用户名（小写字母、数字、-、_）')
    .requiredOption('--name <name>', '姓名')
    .requiredOption('--email <email>', '电子邮箱')
    .option('--unit <code>', '所属单位代码')
    .option('--password-stdin', '从标准输入读取密码')
    .action(async (options: CreateOptions) => {
      const roles = [...(options.admin ? ['admin' as const] : []), ...options.role];
      if (roles.length === 0) throw new Error('请用 --admin 或 --role 指定至少一个角色');
      const spec = readPersonSpec(
        {
          username: options.username,
          name: options.name,
          email: options.email,
          roles,
          unit: options.unit,
        },
        'user',
      );
      const password = options.passwordStdin ? await readStdin() : generatePassword();
      const problem = passwordProblem(password);
      if (problem) throw new Error(problem);
      const passwordHash = await hashPassword(password);
      const person = await withDatabase(async (dataSource) => {
        const org = new OrgRepository(dataSource, new AuditRepository(dataSource));
        const unit =
          spec.unit === null ? null : (await org.listUnits()).find((u) => u.code === spec.unit);
        if (unit === undefined) throw new Error(`单位代码 ${spec.unit} 不存在，请先导入组织架构`);
        return org.createPerson(
          { ...spec, unitId: unit?.id ?? null, chargeUnitIds: [], active: true },
          passwordHash,
          cliActor(),
        );
      });
      console.log(`已创建用户 ${person.username}（${person.roles.join(', ')}）`);
      if (!options.passwordStdin) console.log(`初始密码（只显示这一次）：${password}`);
    });
}
