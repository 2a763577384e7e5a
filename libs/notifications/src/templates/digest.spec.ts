import type { DigestData, Locale } from '../message.types';
import { DIGEST } from '../testing/fixtures';
import { renderDigest } from './digest';

const LOCALES: Locale[] = ['zh-CN', 'en'];
const TITLES = DIGEST.entries.map((e) => e.item.itemTitle);

/** Where each string first appears; -1 if it does not. */
const positions = (body: string, needles: readonly string[]) => needles.map((n) => body.indexOf(n));
const ascending = (xs: readonly number[]) => xs.every((x, i) => i === 0 || (xs[i - 1] ?? 0) < x);

describe('renderDigest', () => {
  it('counts what is due and overdue in its subject', () => {
    expect(renderDigest(DIGEST, 'zh-CN').subject).toBe(
      '【每日督办摘要】2024年12月2日 到期3项 逾期2项',
    );
    expect(renderDigest(DIGEST, 'en').subject).toBe(
      '[Daily digest] 2 December 2024, 3 due, 2 overdue',
    );
  });

  it.each(LOCALES)('lists all five milestones with their links, overdue first (%s)', (locale) => {
    const m = renderDigest(DIGEST, locale);
    for (const body of [m.text, m.html, m.markdown]) {
      const at = positions(body, TITLES);
      expect(at).not.toContain(-1);
      expect(ascending(at)).toBe(true);
      for (const e of DIGEST.entries) {
        expect(body).toContain(e.milestone.title);
        expect(body).toContain(e.item.link);
      }
    }
  });

  it('puts overdue entries first even when they come last', () => {
    const shuffled: DigestData = { ...DIGEST, entries: [...DIGEST.entries].reverse() };
    const { text, html } = renderDigest(shuffled, 'zh-CN');
    for (const body of [text, html]) {
      const overdue = positions(body, TITLES.slice(0, 2));
      const due = positions(body, TITLES.slice(2));
      expect(Math.max(...overdue)).toBeLessThan(Math.min(...due));
      expect(Math.min(...overdue)).toBeGreaterThan(-1);
    }
  });

  it('says how late or how soon, with item number, milestone, deadline and unit', () => {
    const { text } = renderDigest(DIGEST, 'zh-CN');
    expect(text).toContain(
      '- 已逾期 9 天：第7项 新增村级养老服务站不少于5个｜站点挂牌｜截止2024年11月22日｜养老服务科',
    );
    expect(text).toContain(
      '- 今天到期：第9项 建成街道综合养老服务中心2个｜竣工验收｜截止2024年12月2日',
    );
    expect(text).toContain('- 2 天后到期：第14项');
    // No lead unit yet: the line just ends after the deadline.
    expect(text).toContain('｜年度评估｜截止2024年12月6日\n');
    const en = renderDigest(DIGEST, 'en').text;
    expect(en).toContain('- 9 days overdue: Item 7 ');
    expect(en).toContain('- due today: Item 9 ');
    expect(en).toContain('- due in 2 days: Item 14 ');
  });

  it('lists the notices folded into it', () => {
    const m = renderDigest(DIGEST, 'zh-CN');
    for (const body of [m.text, m.markdown]) expect(body).toContain(DIGEST.notices[0]);
    expect(m.text).toContain('其他通知（1条）');
    expect(renderDigest({ ...DIGEST, notices: [] }, 'zh-CN').text).not.toContain('其他通知');
  });

  it('still greets and says there is nothing when there is nothing', () => {
    const m = renderDigest({ ...DIGEST, entries: [] }, 'zh-CN');
    expect(m.subject).toBe('【每日督办摘要】2024年12月2日 到期0项 逾期0项');
    expect(m.text).toContain('张伟同志：');
    expect(m.text).toContain('今日没有即将到期或已逾期的节点。');
    expect(m.text).not.toContain('已逾期（');
  });

  it.each(LOCALES)('escapes data in HTML and has no markup in text (%s)', (locale) => {
    const hostile = `<script>alert(1)</script>"&'`;
    const [entry] = DIGEST.entries;
    if (entry === undefined) throw new Error('the fixture digest has entries');
    const data: DigestData = {
      ...DIGEST,
      recipientName: hostile,
      entries: [{ ...entry, item: { ...entry.item, itemTitle: hostile } }],
      notices: [hostile],
    };
    const m = renderDigest(data, locale);
    expect(m.html).not.toContain('<script');
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;');
    expect(m.text).toContain(hostile);
    expect(renderDigest(DIGEST, locale).text).not.toMatch(/<\/?[a-z!][^>]*>/i);
  });
});
