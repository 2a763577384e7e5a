import { chinaDate, chinaDueDate } from './china-date';

describe('chinaDate', () => {
  it('is already the next day in China from 16:00 UTC', () => {
    expect(chinaDate('2024-06-30T16:30:00Z', 'zh-CN')).toBe('2024年7月1日');
    expect(chinaDate('2024-06-30T16:30:00Z', 'en')).toBe('1 July 2024');
    expect(chinaDate('2024-06-30T15:59:59Z', 'zh-CN')).toBe('2024年6月30日');
    expect(chinaDate('2024-06-30T15:59:59Z', 'en')).toBe('30 June 2024');
  });

  it('turns the year at China midnight', () => {
    expect(chinaDate('2024-12-31T16:00:00Z', 'zh-CN')).toBe('2025年1月1日');
    expect(chinaDate('2024-12-31T15:59:59.999Z', 'en')).toBe('31 December 2024');
  });

  it('reads an instant written with an offset', () => {
    expect(chinaDate('2024-07-01T00:10:00+08:00', 'zh-CN')).toBe('2024年7月1日');
  });

  it('does not depend on the time zone of the process', () => {
    const tz = process.env['TZ'];
    try {
      for (const zone of ['America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
        process.env['TZ'] = zone;
        expect(chinaDate('2024-06-30T16:30:00Z', 'zh-CN')).toBe('2024年7月1日');
        expect(chinaDate('2024-06-30T15:30:00Z', 'zh-CN')).toBe('2024年6月30日');
      }
    } finally {
      process.env['TZ'] = tz;
    }
  });
});

describe('chinaDueDate', () => {
  it('names the day a deadline ends, not the midnight it passes at', () => {
    // Due 30 June: passes at 1 July 00:00 China time.
    expect(chinaDueDate('2024-06-30T16:00:00.000Z', 'zh-CN')).toBe('2024年6月30日');
    expect(chinaDueDate('2024-06-30T16:00:00.000Z', 'en')).toBe('30 June 2024');
  });

  it('is the same day for a deadline during the day', () => {
    expect(chinaDueDate('2024-06-30T09:00:00.000Z', 'zh-CN')).toBe('2024年6月30日');
    expect(chinaDueDate('2024-06-30T16:00:00.001Z', 'zh-CN')).toBe('2024年7月1日');
  });
});
