import { parseChineseNumeral, parseQuantity } from './chinese-numerals';

describe('Chinese numerals', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十九', 19],
    ['二十', 20],
    ['三十五', 35],
    ['九十九', 99],
    ['两', 2],
    ['一百零五', 105],
    ['三万', 30_000],
    ['十二万五千', 125_000],
  ])('%s = %d', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it.each(['', '十一二', 'abc', '一二'])('%p is not a numeral', (text) => {
    expect(parseChineseNumeral(text)).toBeUndefined();
  });

  it.each([
    ['500', 500],
    ['3万', 30_000],
    ['1.5万', 15_000],
    ['两', 2],
  ])('quantity %s = %d', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });
});
