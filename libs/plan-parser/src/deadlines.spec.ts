import { findDeadlines, latestDeadline } from './deadlines';

describe('findDeadlines', () => {
  it.each([
    ['力争在2024年底前取得阶段性成果', '2024-12-31', '2024年底前'],
    ['年底前完成验收', '2024-12-31', '年底前'],
    ['年内建成', '2024-12-31', '年内'],
    ['上半年完成摸底', '2024-06-30', '上半年'],
    ['下半年开展评估', '2024-12-31', '下半年'],
    ['第三季度完成', '2024-09-30', '第三季度'],
    ['二季度末前报送', '2024-06-30', '二季度末前'],
    ['6月底前完成', '2024-06-30', '6月底前'],
    ['二月底前完成', '2024-02-29', '二月底前'],
    ['9月15日前报送', '2024-09-15', '9月15日前'],
    ['2025年3月31日前完成', '2025-03-31', '2025年3月31日前'],
  ])('%s → %s', (sentence, date, phrase) => {
    expect(findDeadlines(sentence, 2024)).toEqual([{ date, phrase }]);
  });

  it.each([
    ['实施方案(2022—2025年)要求'],
    ['开展三年行动'],
    ['三年内完成'],
    ['贯彻《2024年底前工作方案》'],
    ['2月30日前完成'],
    ['2024年是关键一年'],
  ])('finds no deadline in %s', (sentence) => {
    expect(findDeadlines(sentence, 2024)).toEqual([]);
  });

  it('picks the latest deadline of an item', () => {
    const deadlines = [...findDeadlines('6月底前摸底', 2024), ...findDeadlines('年底前验收', 2024)];
    expect(latestDeadline(deadlines)).toEqual({ date: '2024-12-31', phrase: '年底前' });
  });
});
