import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_OWNER_RULES, ownerRulesFrom, suggestUnit } from './owner-rules';

const SAMPLE_ORG = path.resolve(
  __dirname,
  '../../../samples/org/district-civil-affairs-bureau.yaml',
);

describe('suggestUnit', () => {
  it('weighs title keywords above body keywords', () => {
    expect(suggestUnit('加强孤儿保障工作', '开展养老服务', DEFAULT_OWNER_RULES)).toBe('儿童福利科');
  });

  it('weighs a longer keyword above a shorter one', () => {
    expect(suggestUnit('做好流浪乞讨人员救助管理工作', '', DEFAULT_OWNER_RULES)).toBe('社会事务科');
  });

  it('suggests nothing when no keyword matches', () => {
    expect(suggestUnit('做好其他工作', '按要求完成。', DEFAULT_OWNER_RULES)).toBeNull();
  });
});

describe('ownerRulesFrom', () => {
  it('reads a table and trims its entries', () => {
    expect(ownerRulesFrom([{ unit: ' 老龄办 ', keywords: [' 养老 ', '老年人'] }])).toEqual([
      { unit: '老龄办', keywords: ['养老', '老年人'] },
    ]);
  });

  it.each([
    [{}, /non-empty array/],
    [[], /non-empty array/],
    [[{ unit: '老龄办' }], /owner rule 1 needs/],
    [
      [
        { unit: '老龄办', keywords: ['养老'] },
        { unit: '', keywords: ['儿童'] },
      ],
      /owner rule 2 needs/,
    ],
    [[{ unit: '老龄办', keywords: [''] }], /owner rule 1 needs/],
  ])('refuses %j', (data, message) => {
    expect(() => ownerRulesFrom(data)).toThrow(message);
  });
});

describe('DEFAULT_OWNER_RULES', () => {
  it('names only units of the sample organisation, so every suggestion can be assigned', () => {
    // Suggestions are matched to units by name; a unit renamed in one file and not the other
    // would leave its items without a suggested lead unit. (The sample's own test checks that
    // each of these units has a head and a leader in charge.)
    const sample = parse(fs.readFileSync(SAMPLE_ORG, 'utf8')) as { units: { name: string }[] };
    const names = sample.units.map((unit) => unit.name);
    const missing = DEFAULT_OWNER_RULES.map((rule) => rule.unit).filter((u) => !names.includes(u));
    expect(missing).toEqual([]);
  });
});
