import { parsePlanText } from './parse-plan';
import { PlanIssueCode, type ParsedPlan, type PlanItem } from './plan.types';
import { samplePlanText } from './testing/sample-plan';

function parseSample(): ParsedPlan {
  const result = parsePlanText(samplePlanText());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

const items = (plan: ParsedPlan): PlanItem[] => plan.sections.flatMap((s) => s.items);
const item = (plan: ParsedPlan, no: number): PlanItem => {
  const found = items(plan).find((i) => i.no === no);
  if (!found) throw new Error(`item ${no} missing`);
  return found;
};

describe('the sample plan (区民政局2024年工作要点)', () => {
  const plan = parseSample();

  it('has its title, year and preamble', () => {
    expect(plan.title).toBe('区民政局2024年工作要点');
    expect(plan.year).toBe(2024);
    expect(plan.preamble).toMatch(/^2024年是全面贯彻落实党的二十大精神的关键一年/);
    expect(plan.preamble).toMatch(/贡献民政力量。$/);
  });

  it('merges the outline and the body into 9 sections and 35 items, each once', () => {
    expect(plan.sections.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(plan.sections.map((s) => s.items.length)).toEqual([2, 5, 7, 4, 3, 1, 5, 3, 5]);
    expect(items(plan).map((i) => i.no)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(plan.sections[3]?.title).toBe('发展养老事业和养老产业');
  });

  it('takes the heading sentence as title and the rest as body', () => {
    const first = item(plan, 1);
    expect(first.title).toBe('强化政治理论武装');
    expect(first.body).toMatch(/^深入学习领会习近平新时代中国特色社会主义思想/);
    expect(first.bodyMissing).toBe(false);
  });

  it('marks items 20–35 as heading only, item 19 as truncated, and warns about both', () => {
    expect(
      items(plan)
        .filter((i) => i.bodyMissing)
        .map((i) => i.no),
    ).toEqual(Array.from({ length: 16 }, (_, i) => i + 20));
    expect(
      items(plan)
        .filter((i) => i.truncated)
        .map((i) => i.no),
    ).toEqual([19]);
    expect(item(plan, 20).title).toBe('提升综合监管和社会组织内部治理能力');
    expect(plan.warnings.map((w) => w.code)).toEqual([
      PlanIssueCode.BodyMissing,
      PlanIssueCode.BodyTruncated,
    ]);
    expect(plan.warnings[1]?.line).toBe(70);
  });

  it('splits bodies into task sentences on 。 and ；', () => {
    expect(item(plan, 2).tasks.map((t) => t.text)).toEqual([
      '认真履行全面从严治党主体责任,推动健全全面从严治党体系',
      '深刻把握民政工作政治属性,筑牢民政事业发展坚强战斗堡垒',
      '做好巡视反馈问题整改,严肃整治群众身边腐败和不正之风',
      '开展党纪学习教育,紧盯重点领域、重点对象廉政风险点,完善廉政风险防控长效机制',
    ]);
  });

  it('finds exactly the six quantitative targets', () => {
    const targets = items(plan).flatMap((i) => i.targets.map((t) => ({ item: i.no, ...t })));
    expect(
      targets.map(({ item: no, quantity, unit, comparator, subject, per }) => ({
        no,
        quantity,
        unit,
        comparator,
        subject,
        per,
      })),
    ).toEqual([
      {
        no: 5,
        quantity: 30_000,
        unit: '元',
        comparator: 'gte',
        subject: '筹措资金',
        per: '互助社',
      },
      {
        no: 15,
        quantity: 2,
        unit: '个',
        comparator: 'eq',
        subject: '社区嵌入式养老服务机构(综合体)',
        per: null,
      },
      {
        no: 15,
        quantity: 500,
        unit: '户',
        comparator: 'eq',
        subject: '特殊困难老年人家庭适老化改造',
        per: null,
      },
      {
        no: 16,
        quantity: 5,
        unit: '个',
        comparator: 'gte',
        subject: '村级养老服务站(幸福院)',
        per: null,
      },
      {
        no: 18,
        quantity: 2,
        unit: '个',
        comparator: 'eq',
        subject: '区域性养老服务中心',
        per: null,
      },
      { no: 18, quantity: 500, unit: '名', comparator: 'eq', subject: '符合条件老年人', per: null },
    ]);
  });

  it.each([
    ['a document number', '10号', 3],
    ['a year range', '2022—2025年', 7],
    ['a campaign name', '三年行动', 10],
    ['a campaign name', '五大专项行动', 10],
    ['a campaign name', '十条措施', 11],
    ['the party congress', '二十大', undefined],
    ['a count of issuing bodies', '12部门', 3],
    ['a quoted slogan', '三会一课', 1],
    ['a quoted slogan', '六同步', 19],
  ])('reads no target from %s (%s)', (_kind, words, itemNo) => {
    const texts = items(plan).flatMap((i) => i.targets.map((t) => t.text));
    expect(texts.filter((t) => t.includes(words))).toEqual([]);
    if (itemNo !== undefined) expect(item(plan, itemNo).body).toContain(words);
  });

  it('gives every item a due date, from its text or 12-31 of the plan year', () => {
    expect(item(plan, 10)).toMatchObject({ due: '2024-12-31', dueSource: '2024年底前' });
    expect(item(plan, 1)).toMatchObject({ due: '2024-12-31', dueSource: null });
    expect(items(plan).every((i) => /^2024-\d{2}-\d{2}$/.test(i.due))).toBe(true);
  });

  it('lists referenced documents and document numbers per item', () => {
    expect(item(plan, 3).references).toEqual([
      '《关于加强低收入人口动态监测做好分层分类社会救助工作的实施意见》',
      '皖民社救字〔2024〕10号',
    ]);
    expect(item(plan, 18).references).toEqual([
      '《安徽省养老机构备案管理办法》',
      '《养老机构消防安全管理规定》',
      '《养老机构重大事故隐患判定标准》',
      '《老年人能力评估规范》',
    ]);
  });

  it('suggests a lead unit from the keyword table', () => {
    expect(item(plan, 3).suggestedUnit).toBe('社会救助科');
    expect(item(plan, 8).suggestedUnit).toBe('儿童福利科');
    expect(item(plan, 15).suggestedUnit).toBe('养老服务科');
    expect(item(plan, 27).suggestedUnit).toBe('社会事务科');
  });

  it('uses a plan’s own owner rules when given', () => {
    const result = parsePlanText(samplePlanText(), {
      ownerRules: [{ unit: '老龄办', keywords: ['养老'] }],
    });
    expect(result.ok && result.plan.sections[3]?.items[0]?.suggestedUnit).toBe('老龄办');
    expect(result.ok && result.plan.sections[0]?.items[0]?.suggestedUnit).toBeNull();
  });
});
