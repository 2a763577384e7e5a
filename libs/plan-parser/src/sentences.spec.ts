import { endsSentence, maskQuoted, splitSentences } from './sentences';

describe('splitSentences', () => {
  it('splits on 。 and ；', () => {
    expect(splitSentences('完成改造500户。新增服务站5个；开展评估。')).toEqual([
      '完成改造500户',
      '新增服务站5个',
      '开展评估',
    ]);
  });

  it('keeps quotes, titles and brackets whole', () => {
    expect(
      splitSentences('落实“一次申请。分类审核”机制；贯彻《条例。细则》(试行。)要求。'),
    ).toEqual(['落实“一次申请。分类审核”机制', '贯彻《条例。细则》(试行。)要求']);
  });

  it('does not split after an unterminated quote', () => {
    expect(splitSentences('提高“两个覆。盖')).toEqual(['提高“两个覆。盖']);
  });
});

describe('maskQuoted', () => {
  it('blanks quotes, titles and document-number years, keeping positions', () => {
    const text = '落实“三会一课”,贯彻《条例》(皖民社救字〔2024〕10号),完成500户';
    const masked = maskQuoted(text);
    expect(masked).toHaveLength(text.length);
    expect(masked).not.toMatch(/三会一课|条例|2024/);
    expect(masked).toContain('10号');
    expect(masked).toContain('完成500户');
  });

  it('blanks everything after an unterminated quote', () => {
    expect(maskQuoted('提高“两个覆').trim()).toBe('提高');
  });
});

describe('endsSentence', () => {
  it.each([
    ['做好工作。', true],
    ['“三会一课”', true],
    ['领域“两个覆', false],
    ['坚持党的领导,', false],
  ])('%s → %p', (text, expected) => {
    expect(endsSentence(text)).toBe(expected);
  });
});
