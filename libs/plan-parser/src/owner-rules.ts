import type { OwnerRule } from './plan.types';

/**
 * The sample bureau's lead units by keyword. A plan can bring its own table; the supervisor
 * confirms or changes every suggestion before supervision starts.
 */
export const DEFAULT_OWNER_RULES: readonly OwnerRule[] = [
  { unit: '养老服务科', keywords: ['养老', '老年人', '敬老院', '幸福院', '适老化', '康养'] },
  { unit: '儿童福利科', keywords: ['儿童', '未成年人', '孤儿', '收养', '未保'] },
  { unit: '社会救助科', keywords: ['救助', '低收入', '特困', '困难群众'] },
  { unit: '社会组织管理科', keywords: ['社会组织'] },
  { unit: '慈善社工科', keywords: ['慈善', '社工', '福利彩票', '彩票'] },
  { unit: '社会事务科', keywords: ['区划', '地名', '殡葬', '婚姻', '残疾人', '流浪乞讨'] },
  { unit: '基层政权和社区建设科', keywords: ['基层政权', '基层治理', '城乡社区', '社区治理'] },
  {
    unit: '办公室',
    keywords: ['党风', '廉政', '政治理论', '党建', '宣传', '信访', '法治', '安全管理', '基础工作'],
  },
];

const TITLE_WEIGHT = 3;

function occurrences(text: string, keyword: string): number {
  return keyword ? text.split(keyword).length - 1 : 0;
}

/**
 * The unit whose keywords weigh most in the item, or null. Title words count three times, and a
 * longer keyword more than a shorter one (流浪乞讨 says more than 救助).
 */
export function suggestUnit(
  title: string,
  body: string,
  rules: readonly OwnerRule[],
): string | null {
  let best: { unit: string; score: number } | null = null;
  for (const rule of rules) {
    const score = rule.keywords.reduce(
      (sum, k) => sum + k.length * (TITLE_WEIGHT * occurrences(title, k) + occurrences(body, k)),
      0,
    );
    if (score > 0 && (!best || score > best.score)) best = { unit: rule.unit, score };
  }
  return best?.unit ?? null;
}

/**
 * Reads an owner-rule table given as data (e.g. a JSON file): an array of
 * `{ "unit": "养老服务科", "keywords": ["养老", "老年人"] }`. Throws with the first problem.
 */
export function ownerRulesFrom(data: unknown): OwnerRule[] {
  if (!Array.isArray(data) || data.length === 0) {
    throw new Error('owner rules must be a non-empty array of { unit, keywords }');
  }
  return data.map((rule: unknown, i) => {
    const { unit, keywords } = (rule ?? {}) as { unit?: unknown; keywords?: unknown };
    const validKeywords =
      Array.isArray(keywords) &&
      keywords.length > 0 &&
      keywords.every((k) => typeof k === 'string' && k.trim() !== '');
    if (typeof unit !== 'string' || unit.trim() === '' || !validKeywords) {
      throw new Error(`owner rule ${i + 1} needs a unit name and at least one non-empty keyword`);
    }
    return { unit: unit.trim(), keywords: (keywords as string[]).map((k) => k.trim()) };
  });
}
