import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { DomainException, DomainExceptionCode } from '../domain.exception';
import { readOrganisation, type Organisation, type PersonSpec } from './organisation';
import { ROLES } from './roles';

const SAMPLE_ORG = path.resolve(
  __dirname,
  '../../../../samples/org/district-civil-affairs-bureau.yaml',
);

/**
 * The departments the plan's owner-suggestion rules name (plan-parser's DEFAULT_OWNER_RULES;
 * the domain may not import the parser, so its own test checks the names against the sample).
 */
const RULE_DEPARTMENTS = [
  '养老服务科',
  '儿童福利科',
  '社会救助科',
  '社会组织管理科',
  '慈善社工科',
  '社会事务科',
  '基层政权和社区建设科',
  '办公室',
];

/** The exception a call throws, so a test can look at its code and field. */
function thrown(attempt: () => unknown): DomainException {
  try {
    attempt();
  } catch (error) {
    if (error instanceof DomainException) return error;
    throw error;
  }
  throw new Error('expected a DomainException, nothing was thrown');
}

function expectInvalid(data: unknown, field: string): void {
  const error = thrown(() => readOrganisation(data));
  expect(error.code).toBe(DomainExceptionCode.InvalidInput);
  expect(error.details['field']).toBe(field);
  expect(error.message.startsWith(`${field}：`)).toBe(true);
  expect(String(error.details['messageEn']).startsWith(`${field}: `)).toBe(true);
}

type Raw = Record<string, unknown>;

/** A small organisation that holds together; each rejection test breaks exactly one thing. */
function validOrganisation(): { units: Raw[]; people: Raw[] } {
  return {
    units: [
      { code: 'leadership', name: '局领导', kind: 'leadership' },
      { code: 'elderly-care', name: '养老服务科', head: 'wufang' },
      { code: 'child-welfare', name: '儿童福利科' },
    ],
    people: [
      {
        username: 'zhanghongmei',
        name: '张红梅',
        unit: 'leadership',
        email: 'zhanghongmei@mz.example.gov.cn',
        mobile: '13807312046',
        roles: ['leader'],
        charge: ['elderly-care', 'child-welfare'],
      },
      {
        username: 'wufang',
        name: '吴芳',
        unit: 'elderly-care',
        email: 'wufang@mz.example.gov.cn',
        roles: ['unit_head'],
      },
      {
        username: 'zhengtao',
        name: '郑涛',
        unit: 'elderly-care',
        email: 'zhengtao@mz.example.gov.cn',
        mobile: '15367310459',
        roles: ['staff'],
        locale: 'en',
      },
    ],
  };
}

/** The valid organisation with one unit or person changed (or, with undefined, a field dropped). */
function withUnit(index: number, changes: Raw): { units: Raw[]; people: Raw[] } {
  const org = validOrganisation();
  org.units[index] = dropUndefined({ ...org.units[index], ...changes });
  return org;
}

function withPerson(index: number, changes: Raw): { units: Raw[]; people: Raw[] } {
  const org = validOrganisation();
  org.people[index] = dropUndefined({ ...org.people[index], ...changes });
  return org;
}

function dropUndefined(raw: Raw): Raw {
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
}

describe('readOrganisation: a valid file', () => {
  it('reads units and people, filling in the defaults', () => {
    const org = readOrganisation(validOrganisation());
    expect(org.units).toEqual([
      { code: 'leadership', name: '局领导', kind: 'leadership', head: null, chatWebhook: null },
      {
        code: 'elderly-care',
        name: '养老服务科',
        kind: 'department',
        head: 'wufang',
        chatWebhook: null,
      },
      {
        code: 'child-welfare',
        name: '儿童福利科',
        kind: 'department',
        head: null,
        chatWebhook: null,
      },
    ]);
    expect(org.people[1]).toEqual({
      username: 'wufang',
      name: '吴芳',
      unit: 'elderly-care',
      email: 'wufang@mz.example.gov.cn',
      mobile: null,
      roles: ['unit_head'],
      charge: [],
      locale: 'zh-CN',
      delivery: 'both',
    });
  });

  it("reads a delivery mode and a unit's group-chat robot", () => {
    const org = readOrganisation({
      ...withPerson(1, { delivery: 'digest' }),
      units: withUnit(1, {
        chatWebhook: {
          kind: 'dingtalk',
          url: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
          secret: 'SEC123',
        },
      }).units,
    });
    expect(org.people[1]?.delivery).toBe('digest');
    expect(org.units[1]?.chatWebhook).toEqual({
      kind: 'dingtalk',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
      secret: 'SEC123',
    });
  });

  it('keeps a locale given explicitly', () => {
    expect(readOrganisation(validOrganisation()).people[2]?.locale).toBe('en');
  });

  it('trims text and drops repeated roles and charge codes', () => {
    const org = readOrganisation(
      withPerson(0, {
        name: ' 张红梅 ',
        roles: ['leader', 'leader'],
        charge: ['elderly-care', 'elderly-care'],
      }),
    );
    expect(org.people[0]).toMatchObject({
      name: '张红梅',
      roles: ['leader'],
      charge: ['elderly-care'],
    });
  });

  it('accepts a landline with area code where a township head has no mobile', () => {
    expect(readOrganisation(withPerson(1, { mobile: '0731-84561234' })).people[1]?.mobile).toBe(
      '0731-84561234',
    );
  });
});

describe('readOrganisation: rejections name the offending field', () => {
  it.each([
    ['null', null],
    ['a list', []],
    ['text', 'units: []'],
    ['a number', 42],
  ])('rejects %s as the whole file', (_what, data) => {
    expectInvalid(data, 'organisation');
  });

  it('rejects units that are not a list', () => {
    expectInvalid({ units: { code: 'office' }, people: [] }, 'units');
  });

  it('rejects a person that is not an object', () => {
    const org = validOrganisation();
    org.people[2] = 'zhengtao' as unknown as Raw;
    expectInvalid(org, 'people[2]');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['not text', 7],
  ])('rejects a unit whose name is %s', (_what, name) => {
    expectInvalid(withUnit(2, { name }), 'units[2].name');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
  ])('rejects a person whose name is %s', (_what, name) => {
    expectInvalid(withPerson(2, { name }), 'people[2].name');
  });

  it.each(['Elderly-Care', 'elderly care', '-elderly', '养老服务科', 'elderly.care'])(
    'rejects the unit code %j',
    (code) => {
      // The heads and charges still name elderly-care, but the bad code is reported first.
      expectInvalid(withUnit(1, { code }), 'units[1].code');
    },
  );

  it('rejects a unit without a code', () => {
    expectInvalid(withUnit(2, { code: undefined }), 'units[2].code');
  });

  it.each([
    [{ kind: 'slack', url: 'https://hooks.example.org/x' }, 'units[2].chatWebhook.kind'],
    [{ kind: 'wecom', url: 'ftp://qyapi.weixin.qq.com/x' }, 'units[2].chatWebhook.url'],
    ['https://qyapi.weixin.qq.com/x', 'units[2].chatWebhook'],
  ])('rejects the robot %j, naming %s', (chatWebhook, field) => {
    expectInvalid(withUnit(2, { chatWebhook }), field);
  });

  it('rejects an unknown delivery mode', () => {
    expectInvalid(withPerson(1, { delivery: 'never' }), 'people[1].delivery');
  });

  it('rejects an unknown unit kind', () => {
    expectInvalid(withUnit(2, { kind: 'bureau' }), 'units[2].kind');
  });

  it('rejects a second unit with the same code, naming the second', () => {
    expectInvalid(withUnit(2, { code: 'elderly-care' }), 'units[2]');
  });

  it('rejects a second unit with the same name, naming the second', () => {
    expectInvalid(withUnit(2, { name: '养老服务科' }), 'units[2]');
  });

  it.each(['wang.jianguo', 'WangJianguo', 'wang jianguo', '王建国'])(
    'rejects the username %j',
    (username) => {
      expectInvalid(withPerson(2, { username }), 'people[2].username');
    },
  );

  it('rejects a second person with the same username, naming the second', () => {
    expectInvalid(withPerson(2, { username: 'wufang' }), 'people[2]');
  });

  it('rejects an unknown role, naming its position', () => {
    expectInvalid(withPerson(2, { roles: ['staff', 'director'] }), 'people[2].roles[1]');
  });

  it.each([
    ['an empty list', []],
    ['none at all', undefined],
  ])('rejects a person with %s of roles', (_what, roles) => {
    expectInvalid(withPerson(2, { roles }), 'people[2].roles');
  });

  it('rejects roles given as text instead of a list', () => {
    expectInvalid(withPerson(2, { roles: 'staff' }), 'people[2].roles');
  });

  it.each(['zhengtao', 'zhengtao@mz', 'zheng tao@mz.example.gov.cn', '@mz.example.gov.cn'])(
    'rejects the e-mail address %j',
    (email) => {
      expectInvalid(withPerson(2, { email }), 'people[2].email');
    },
  );

  it('rejects a person without an e-mail address', () => {
    expectInvalid(withPerson(2, { email: undefined }), 'people[2].email');
  });

  it.each(['1536731045', '153673104599', '12367310459', '1536731045x', '731-8456123'])(
    'rejects the phone number %j',
    (mobile) => {
      expectInvalid(withPerson(2, { mobile }), 'people[2].mobile');
    },
  );

  it('rejects a mobile number YAML read as a number: a landline would lose its leading 0', () => {
    expectInvalid(withPerson(2, { mobile: 15367310459 }), 'people[2].mobile');
  });

  it('rejects an unknown locale', () => {
    expectInvalid(withPerson(2, { locale: 'zh-TW' }), 'people[2].locale');
  });

  it('rejects a person whose unit is not in the file', () => {
    expectInvalid(withPerson(2, { unit: 'social-assistance' }), 'people[2].unit');
  });

  it("rejects a leader's charge unit that is not in the file, naming its position", () => {
    expectInvalid(
      withPerson(0, { charge: ['elderly-care', 'social-assistance'] }),
      'people[0].charge[1]',
    );
  });

  it('names the position in the file of an unknown charge unit listed after a repeated one', () => {
    // Repeated codes are dropped when read; the field must still point at the file's entry.
    expectInvalid(
      withPerson(0, { charge: ['elderly-care', 'elderly-care', 'social-assistance'] }),
      'people[0].charge[2]',
    );
  });

  it('rejects a unit head who belongs to another unit', () => {
    // zhanghongmei exists, but in 局领导: a head must be one of the unit's own people.
    expectInvalid(withUnit(1, { head: 'zhanghongmei' }), 'units[1].head');
  });

  it('rejects a unit head who is not in the file at all', () => {
    expectInvalid(withUnit(2, { head: 'xuming' }), 'units[2].head');
  });

  it('rejects a unit head who has no unit', () => {
    const org = withPerson(1, { unit: undefined });
    expectInvalid(org, 'units[1].head');
  });
});

describe('the sample organisation (samples/org/district-civil-affairs-bureau.yaml)', () => {
  let org: Organisation;

  beforeAll(() => {
    org = readOrganisation(parse(fs.readFileSync(SAMPLE_ORG, 'utf8')));
  });

  const unitNamed = (name: string) => org.units.find((u) => u.name === name);
  const person = (username: string | null) => org.people.find((p) => p.username === username);
  const withRole = (role: PersonSpec['roles'][number]) =>
    org.people.filter((p) => p.roles.includes(role));

  it('is accepted by readOrganisation', () => {
    expect(org.units.length).toBeGreaterThan(0);
    expect(org.people.length).toBeGreaterThan(0);
  });

  it.each(RULE_DEPARTMENTS)(
    'has %s as a department with a unit head, staff and exactly one leader in charge',
    (name) => {
      const unit = unitNamed(name);
      expect(unit?.kind).toBe('department');
      if (!unit) return;
      expect(person(unit.head)?.roles).toEqual(['unit_head']);
      const staff = org.people.filter((p) => p.unit === unit.code && p.roles.includes('staff'));
      expect(staff.length).toBeGreaterThan(0);
      const inCharge = org.people.filter((p) => p.charge.includes(unit.code));
      expect(inCharge.map((p) => p.roles)).toEqual([['leader']]);
    },
  );

  it('has a principal leader and three leaders, all in the 局领导 unit', () => {
    const leadership = unitNamed('局领导');
    expect(leadership?.kind).toBe('leadership');
    expect(withRole('principal_leader').map((p) => p.unit)).toEqual([leadership?.code]);
    expect(withRole('leader').map((p) => p.unit)).toEqual(Array(3).fill(leadership?.code));
  });

  it('has a supervisor in 督查室, an auditor, and an admin in 办公室', () => {
    expect(unitNamed('督查室')?.kind).toBe('department');
    expect(withRole('supervisor').map((p) => p.unit)).toContain(unitNamed('督查室')?.code);
    expect(withRole('auditor')).not.toEqual([]);
    expect(withRole('admin').map((p) => p.unit)).toContain(unitNamed('办公室')?.code);
  });

  it('has someone of every role, so each role can be tried out', () => {
    for (const role of ROLES) expect(withRole(role)).not.toEqual([]);
  });

  it('gives each person a single role, so "the person of a role" is unambiguous', () => {
    for (const p of org.people) expect(p.roles).toHaveLength(1);
  });

  it('has townships or sub-districts and an affiliated body', () => {
    const kinds = org.units.map((u) => u.kind);
    expect(
      kinds.filter((k) => k === 'township' || k === 'subdistrict').length,
    ).toBeGreaterThanOrEqual(2);
    expect(kinds).toContain('affiliated');
  });

  it('uses the example domain and 11-digit mobile numbers throughout', () => {
    for (const p of org.people) {
      expect(p.email).toMatch(/^[a-z0-9_-]+@mz\.example\.gov\.cn$/);
      expect(p.mobile).toMatch(/^1[358]\d{9}$/);
    }
  });
});
