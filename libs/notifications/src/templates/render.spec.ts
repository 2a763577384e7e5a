import { DIGEST, NOTICE_KINDS, NOTICES } from '../testing/fixtures';
import type { Locale } from '../message.types';
import { chinaDate } from './china-date';
import { renderDigest, renderNotice } from './render';

const LOCALES: Locale[] = ['zh-CN', 'en'];

describe('notice templates', () => {
  describe.each(LOCALES)('%s', (locale) => {
    it.each(NOTICE_KINDS)('renders %s in all four forms', (kind) => {
      expect(renderNotice(NOTICES[kind], locale)).toMatchSnapshot();
    });

    it('renders the digest in all four forms', () => {
      expect(renderDigest(DIGEST, locale)).toMatchSnapshot();
    });
  });

  it('gives every kind its own zh-CN subject tag, and the urging notice its own', () => {
    const subjects = NOTICE_KINDS.map((kind) => renderNotice(NOTICES[kind], 'zh-CN').subject);
    expect(subjects.map((s) => /^【(.+?)】/.exec(s)?.[1])).toEqual([
      '交办通知',
      '临近提醒',
      '催办单',
      '待审核',
      '退回修改',
      '审核通过',
      '延期申请',
      '延期审批',
      '年终办结',
    ]);
    const plain = {
      ...NOTICES.escalation,
      escalation: { level: 2, daysOverdue: 4, urgingNotice: false },
    };
    expect(renderNotice(plain, 'zh-CN').subject).toMatch(
      /^【逾期提醒】第12项 完成适老化改造500户：第三季度进展已逾期4天$/,
    );
  });

  it('puts days overdue, level, everyone else told and the link in every form of an urging notice', () => {
    const message = renderNotice(NOTICES.escalation, 'zh-CN');
    for (const body of [message.text, message.html, message.markdown]) {
      expect(body).toContain('9 天');
      expect(body).toContain('第 3 级');
      expect(body).toContain('李娜');
      expect(body).toContain('张伟');
      expect(body).toContain(NOTICES.escalation.item.link);
    }
    expect(message.text).toContain('请于收到本通知后抓紧办理');
  });

  it('escapes hostile data in HTML and keeps it verbatim in text', () => {
    const hostile = `<script>alert(1)</script>"&'`;
    const message = renderNotice(
      { ...NOTICES.returned, comment: hostile, recipientName: hostile },
      'zh-CN',
    );
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;');
    expect(message.text).toContain(hostile);
  });

  it('never makes a link of a non-web address in the data', () => {
    const item = { ...NOTICES.reminder.item, link: 'javascript:alert(1)' };
    expect(renderNotice({ ...NOTICES.reminder, item }, 'zh-CN').html).not.toContain(
      'href="javascript',
    );
  });

  it('has no markup in the text part', () => {
    for (const kind of NOTICE_KINDS) {
      expect(renderNotice(NOTICES[kind], 'zh-CN').text).not.toMatch(/<[a-z]/i);
    }
    expect(renderDigest(DIGEST, 'en').text).not.toMatch(/<[a-z]/i);
  });

  it('keeps the subject on one line even when the title has a line break', () => {
    const item = { ...NOTICES.reminder.item, itemTitle: '完成适老化\n改造500户' };
    expect(renderNotice({ ...NOTICES.reminder, item }, 'en').subject).not.toMatch(/\n/);
  });

  it('uses no Chinese punctuation in its own English phrases', () => {
    const latin = {
      ...NOTICES.escalation,
      recipientName: 'Zhang Wei',
      alsoTold: ['Li Na', 'Wang Qiang'],
    };
    const item = {
      ...latin.item,
      planTitle: 'Work plan 2024',
      itemTitle: 'Refit 500 homes',
      unitName: 'Elderly care',
    };
    const message = renderNotice(
      { ...latin, item, milestone: { title: 'Q3', dueAt: latin.milestone?.dueAt ?? '' } },
      'en',
    );
    expect(message.text).not.toMatch(/[：，。、【】“”]/);
    expect(message.subject).toBe('[Urging notice] Item 12 Refit 500 homes: Q3 9 days overdue');
  });

  it('lists all five milestones of a digest, overdue before due, in text and HTML', () => {
    const message = renderDigest(DIGEST, 'zh-CN');
    expect(message.subject).toBe('【每日督办摘要】2024年12月2日 到期3项 逾期2项');
    for (const body of [message.text, message.html]) {
      const at = ['站点挂牌', '改造过半', '选址确定', '入户评估完成', '年度评估'].map((t) =>
        body.indexOf(t),
      );
      expect(at.every((i) => i >= 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
    expect(message.text).toContain('今天到期');
    expect(message.text).toContain(DIGEST.notices[0]);
  });
});

describe('chinaDate', () => {
  it('is the date in China, a day ahead of UTC after 16:00', () => {
    expect(chinaDate('2024-06-30T16:30:00Z', 'zh-CN')).toBe('2024年7月1日');
    expect(chinaDate('2024-06-30T15:59:59Z', 'en')).toBe('30 June 2024');
  });
});
