import type { Locale, NoticeData, RenderedMessage } from '../message.types';
import { NOTICES, VARIANTS } from '../testing/fixtures';
import { renderNotice } from './notice';

const LOCALES: Locale[] = ['zh-CN', 'en'];
const ALL_NOTICES: NoticeData[] = [...Object.values(NOTICES), ...Object.values(VARIANTS)];
const bodies = (m: RenderedMessage) => [m.text, m.html, m.markdown];
/** An HTML tag or comment, not a lone `<` in prose. */
const TAG = /<\/?[a-z!][^>]*>/i;
/** CJK symbols and punctuation, full-width forms (，。：；【】、“” and the like). */
const CJK_PUNCTUATION = /[\u3000-\u303f\uff00-\uffef\u2018-\u201f]/;

describe('renderNotice', () => {
  describe('an urging notice (催办单)', () => {
    const message = renderNotice(NOTICES.escalation, 'zh-CN');

    it('says how late, how high, who else was told and where to act, in every form', () => {
      for (const body of bodies(message)) {
        expect(body).toContain('已逾期 14 天');
        expect(body).toContain('第 3 级督办');
        expect(body).toContain('李娜');
        expect(body).toContain('张伟');
        expect(body).toContain(NOTICES.escalation.item.link);
      }
      expect(message.text).toContain('同时告知：李娜、张伟');
      expect(message.text).toContain('请于收到本通知后抓紧办理并反馈');
      expect(message.subject).toBe(
        '【催办单】第12项 完成适老化改造500户 第三季度进展 已逾期 14 天',
      );
    });

    it('does the same in English', () => {
      const en = renderNotice(NOTICES.escalation, 'en');
      for (const body of bodies(en)) {
        expect(body).toContain('14 days overdue');
        expect(body).toContain('Level 3');
        expect(body).toContain('李娜, 张伟');
        expect(body).toContain(NOTICES.escalation.item.link);
      }
      expect(en.subject).toMatch(/^\[Urging notice\] Item 12 /);
    });

    it('differs from a plain overdue notice in subject and in what it asks', () => {
      const plain = renderNotice(VARIANTS['escalation (not an urging notice)'], 'zh-CN');
      expect(plain.subject).toMatch(/^【逾期提醒】第12项 /);
      expect(plain.text).not.toContain('请于收到本通知后');
      expect(plain.text).toContain('第 1 级督办');
    });

    it('leaves out the 同时告知 line when nobody else was told', () => {
      const alone = renderNotice({ ...NOTICES.escalation, alsoTold: [] }, 'zh-CN');
      for (const body of bodies(alone)) expect(body).not.toContain('同时告知');
    });
  });

  it('gives every kind its own subject tag', () => {
    const tags = ALL_NOTICES.map((d) => /^【(.+?)】/.exec(renderNotice(d, 'zh-CN').subject)?.[1]);
    expect(tags).toEqual([
      '交办通知',
      '临近提醒',
      '催办单',
      '待审核',
      '退回修改',
      '审核通过',
      '延期申请',
      '延期审批',
      '办结通知',
      '年终办结',
      '逾期提醒',
      '延期审批',
    ]);
    expect(renderNotice(NOTICES.reminder, 'zh-CN').subject).toBe(
      '【临近提醒】第12项 完成适老化改造500户 第三季度进展 还有 5 天到期（2024年9月30日）',
    );
    expect(renderNotice(NOTICES.assignment, 'en').subject).toBe(
      '[Assignment] Item 12 完成适老化改造500户',
    );
  });

  it.each([
    // China time: 25 September 09:00, 29 September 09:00 and 30 September 09:00.
    [
      '2024-09-25T01:00:00.000Z',
      '还有 5 天到期（2024年9月30日）',
      'due in 5 days (30 September 2024)',
    ],
    ['2024-09-29T01:00:00.000Z', '明天到期（2024年9月30日）', 'due tomorrow (30 September 2024)'],
    ['2024-09-30T01:00:00.000Z', '今天到期（2024年9月30日）', 'due today (30 September 2024)'],
  ])('says in a reminder subject how long is left (%s)', (at, zh, en) => {
    expect(renderNotice({ ...NOTICES.reminder, at }, 'zh-CN').subject).toContain(zh);
    expect(renderNotice({ ...NOTICES.reminder, at }, 'en').subject).toContain(en);
  });

  it.each(LOCALES)('greets, states the facts, links and signs off every notice (%s)', (locale) => {
    for (const data of ALL_NOTICES) {
      const m = renderNotice(data, locale);
      const greeting =
        locale === 'zh-CN' ? `${data.recipientName}同志：` : `Dear ${data.recipientName},`;
      expect(m.text.startsWith(`${greeting}\n`)).toBe(true);
      for (const body of bodies(m)) {
        expect(body).toContain(data.item.planTitle);
        expect(body).toContain(data.item.itemTitle);
        expect(body).toContain('养老服务科');
        expect(body).toContain(data.item.link);
        if (data.milestone) expect(body).toContain(data.milestone.title);
      }
      const footer =
        locale === 'zh-CN'
          ? '本邮件由督办系统自动发送，请勿直接回复。'
          : 'Sent automatically by Duban. Please do not reply.';
      expect(m.text.trimEnd().endsWith(footer)).toBe(true);
      expect(m.html).toContain(footer);
      expect(m.text).toContain(locale === 'zh-CN' ? '查看事项：' : 'Open the item: ');
    }
  });

  it('leaves out the lead unit when there is none', () => {
    const item = { ...NOTICES.reminder.item, unitName: null };
    const m = renderNotice({ ...NOTICES.reminder, item }, 'zh-CN');
    for (const body of bodies(m)) expect(body).not.toContain('牵头单位');
  });

  it('shows a deadline as the day it ends, not the China midnight it passes at', () => {
    // Stored as 2024-09-30T16:00Z, that is 1 October 00:00 in China.
    const m = renderNotice(NOTICES.reminder, 'zh-CN');
    expect(m.text).toContain('截止日期：2024年9月30日');
    expect(m.text).not.toContain('10月1日');
  });

  describe('comments and decisions', () => {
    it.each([
      ['returned', '审核意见：请补充已完成户数的入户验收照片。'],
      ['approved', '审核意见：同意。'],
      ['extension_decision', '审批意见：同意延期，请加快进度。'],
      ['extension_request', '延期理由：受施工队进场时间影响，申请延期半个月。'],
    ] as const)('%s shows the comment', (kind, line) => {
      expect(renderNotice(NOTICES[kind], 'zh-CN').text).toContain(line);
      const label = line.slice(0, line.indexOf('：') + 1);
      expect(renderNotice({ ...NOTICES[kind], comment: null }, 'zh-CN').text).not.toContain(label);
    });

    it('keeps a comment of several lines as lines in text and HTML', () => {
      const m = renderNotice(NOTICES.returned, 'zh-CN');
      expect(m.text).toContain('入户验收照片。\n  另请注明资金拨付进度。');
      expect(m.html).toContain('入户验收照片。<br>另请注明资金拨付进度。');
      expect(m.markdown).toContain('入户验收照片。 另请注明资金拨付进度。');
    });

    it('an extension request shows the date asked for', () => {
      const m = renderNotice(NOTICES.extension_request, 'zh-CN');
      expect(m.text).toContain('申请延期至：2024年10月15日');
      expect(m.subject).toContain('申请延期至2024年10月15日');
    });

    it('an approved extension shows the decision and the new deadline', () => {
      const m = renderNotice(NOTICES.extension_decision, 'zh-CN');
      expect(m.text).toContain('审批结果：同意');
      expect(m.text).toContain('新截止日期：2024年10月15日');
      expect(renderNotice(NOTICES.extension_decision, 'en').text).toContain(
        'New due date: 15 October 2024',
      );
    });

    it('a refused extension says so and does not call the date asked for a new deadline', () => {
      const m = renderNotice(VARIANTS['extension_decision (refused)'], 'zh-CN');
      expect(m.subject).toContain('不同意延期');
      expect(m.text).toContain('审批结果：不同意');
      expect(m.text).not.toContain('新截止日期');
      expect(renderNotice(VARIANTS['extension_decision (refused)'], 'en').text).toContain(
        'Decision: Refused',
      );
    });
  });

  describe('hostile data', () => {
    const hostile = `<script>alert(1)</script>"&'`;
    const item = {
      ...NOTICES.returned.item,
      planTitle: hostile,
      itemTitle: hostile,
      unitName: hostile,
    };
    const data: NoticeData = {
      ...NOTICES.returned,
      recipientName: hostile,
      item,
      milestone: { title: hostile, dueAt: '2024-09-30T16:00:00.000Z' },
      alsoTold: [hostile],
      comment: hostile,
    };

    it.each(LOCALES)('is escaped in HTML and verbatim in text (%s)', (locale) => {
      const m = renderNotice(data, locale);
      expect(m.html).not.toContain('<script');
      expect(m.html).not.toContain(`"&'`);
      expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;');
      expect(m.text).toContain(hostile);
      expect(m.subject).toContain(hostile);
    });

    it('cannot forge a link in a group chat', () => {
      const forged = { ...item, itemTitle: '[点此查看](https://evil.example/)' };
      const m = renderNotice({ ...NOTICES.reminder, item: forged }, 'zh-CN');
      expect(m.markdown).not.toContain('](https://evil.example/)');
      expect(m.markdown).toContain('[点此查看]\\(https://evil.example/)');
    });

    it('never makes a link of an address that is not a web address', () => {
      const bad = { ...NOTICES.reminder.item, link: 'javascript:alert(1)' };
      const m = renderNotice({ ...NOTICES.reminder, item: bad }, 'en');
      expect(m.html).not.toMatch(/href="javascript/i);
      expect(m.markdown).not.toContain('](javascript');
    });
  });

  it.each(LOCALES)('has no markup in the plain-text part (%s)', (locale) => {
    for (const data of ALL_NOTICES) expect(renderNotice(data, locale).text).not.toMatch(TAG);
  });

  it.each(LOCALES)(
    'writes HTML as a complete document with nothing fetched or run (%s)',
    (locale) => {
      for (const data of ALL_NOTICES) {
        const { html } = renderNotice(data, locale);
        expect(html.startsWith('<!doctype html>\n')).toBe(true);
        expect(html).toContain(`<html lang="${locale}">`);
        expect(html.trimEnd().endsWith('</html>')).toBe(true);
        expect(html).not.toMatch(/<script|<style|<link|<img|\ssrc=|url\(/i);
      }
    },
  );

  it.each(LOCALES)('keeps subjects on one line whatever the data holds (%s)', (locale) => {
    const item = { ...NOTICES.reminder.item, itemTitle: '完成适老化\n改造500户\r\n ' };
    for (const data of ALL_NOTICES) {
      const milestone = data.milestone && { ...data.milestone, title: '第三季度\t进展\n' };
      const { subject } = renderNotice({ ...data, item, milestone }, locale);
      expect(subject).not.toMatch(/[\r\n\t]|\s{2}|^\s|\s$/);
      expect(subject).toContain('完成适老化 改造500户');
    }
  });

  it('uses no Chinese punctuation in its own English words', () => {
    for (const data of ALL_NOTICES) {
      const m = renderNotice(data, 'en');
      const own = [m.subject, ...bodies(m)].map((s) => withoutData(s, data)).join('\n');
      expect(own).not.toMatch(CJK_PUNCTUATION);
    }
  });
});

/** The message minus every piece of data in it (which may be Chinese, punctuation and all). */
function withoutData(message: string, data: NoticeData): string {
  const values = [
    data.recipientName,
    data.item.planTitle,
    data.item.itemTitle,
    data.item.unitName ?? '',
    data.milestone?.title ?? '',
    ...data.alsoTold,
    ...(data.comment ?? '').split('\n'),
  ].filter((v) => v !== '');
  return values
    .sort((a, b) => b.length - a.length)
    .reduce((text, value) => text.split(value).join(''), message);
}
