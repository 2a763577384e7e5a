import { DEFAULT_OWNER_RULES, ownerRulesFrom, suggestUnit } from './owner-rules';

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
