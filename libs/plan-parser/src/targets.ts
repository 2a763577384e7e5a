import { parseQuantity } from './chinese-numerals';
import type { TargetComparator } from '@duban/domain';
import type { PlanTarget } from './plan.types';
import { maskQuoted } from './sentences';

/** Measure words that make a number a quantity to deliver; years, 号, 部门, 条, 大 are not. */
const UNITS = [
  '万元',
  '亿元',
  '元',
  '平方米',
  '公里',
  '人次',
  '户',
  '个',
  '名',
  '人',
  '家',
  '所',
  '处',
  '张',
  '间',
  '座',
  '场',
  '项',
  '支',
  '床',
  '台',
  '辆',
  '套',
  '%',
  '％',
];
const QUANTITY = String.raw`(\d+(?:\.\d+)?[万亿]?|[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*)`;
const COMPARATOR_BEFORE = '(不少于|不低于|不超过|不高于|至少|达到|超过|低于|少于)?';
const TARGET = new RegExp(
  `${COMPARATOR_BEFORE}${QUANTITY}(${UNITS.join('|')})(以上|以内|以下)?`,
  'g',
);

const COMPARATORS: Readonly<Record<string, TargetComparator>> = {
  不少于: 'gte',
  不低于: 'gte',
  至少: 'gte',
  达到: 'gte',
  超过: 'gte',
  以上: 'gte',
  不超过: 'lte',
  不高于: 'lte',
  低于: 'lte',
  少于: 'lte',
  以内: 'lte',
  以下: 'lte',
};

const CLAUSE_DELIMITERS = /[，,。；;：:！？!?\n]/;

/** Leading words that say what to do or where, not what is counted. */
const LEADING_WORDS = [
  '进一步',
  '持续',
  '积极',
  '全面',
  '有序',
  '力争',
  '确保',
  '推动',
  '推进',
  '加快',
  '完成',
  '新增',
  '支持',
  '实现',
  '实施',
  '开展',
  '动态',
  '评估',
  '建成',
  '建设',
  '打造',
  '培育',
  '我区',
  '全区',
  '本区',
  '各地',
];
const TRAILING_WORDS = ['建设', '工作', '等'];

function stripWords(text: string): string {
  let subject = text.trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const word of LEADING_WORDS) {
      if (subject.startsWith(word) && subject.length > word.length) {
        subject = subject.slice(word.length).trim();
        changed = true;
      }
    }
  }
  for (const word of TRAILING_WORDS) {
    if (subject.endsWith(word) && subject.length > word.length)
      subject = subject.slice(0, -word.length);
  }
  return subject.trim();
}

/** 每家互助社筹措资金 → per 互助社, subject 筹措资金. */
function splitPer(text: string): { subject: string; per: string | null } {
  const match = /^每(?:一)?[家个户名所位人]?(.+?[社站院村户人所家镇街区园校会])(.+)$/.exec(text);
  return match
    ? { per: match[1] ?? null, subject: stripWords(match[2] ?? '') }
    : { subject: text, per: null };
}

function clauseAround(
  text: string,
  start: number,
  end: number,
): { before: string; after: string; clause: string } {
  let from = start;
  while (from > 0 && !CLAUSE_DELIMITERS.test(text[from - 1] ?? '')) from -= 1;
  let to = end;
  while (to < text.length && !CLAUSE_DELIMITERS.test(text[to] ?? '')) to += 1;
  return {
    before: text.slice(from, start),
    after: text.slice(end, to),
    clause: text.slice(from, to).trim(),
  };
}

/**
 * Quantitative targets in one sentence: a quantity with a measure word, outside quotes and
 * document titles, not an ordinal (第二批) and not the figure of speech 一 (一户一策).
 */
export function findTargets(sentence: string): PlanTarget[] {
  const masked = maskQuoted(sentence);
  const targets: PlanTarget[] = [];
  for (const match of masked.matchAll(TARGET)) {
    const [whole, before = '', number = '', unit = '', after = ''] = match;
    const start = match.index ?? 0;
    const numberStart = start + before.length;
    if (masked[numberStart - 1] === '第') continue;
    const quantity = parseQuantity(number);
    if (quantity === undefined || quantity <= 0) continue;
    if (quantity === 1 && !/^\d/.test(number)) continue;
    const around = clauseAround(sentence, start, start + whole.length);
    const following = stripWords(around.after);
    const { subject, per } = /^[\u4e00-\u9fff]/.test(following)
      ? { subject: following, per: null }
      : splitPer(stripWords(around.before));
    targets.push({
      text: around.clause,
      quantity,
      unit: unit === '％' ? '%' : unit,
      comparator: COMPARATORS[before] ?? COMPARATORS[after] ?? 'eq',
      subject,
      per,
    });
  }
  return targets;
}
