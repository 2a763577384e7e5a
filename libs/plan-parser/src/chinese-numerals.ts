const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/**
 * Reads a Chinese numeral (十九 = 19, 二十五 = 25, 三万 = 30000, 一百零五 = 105); undefined when
 * the text is not one.
 */
export function parseChineseNumeral(text: string): number | undefined {
  if (!text) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const char of text) {
    if (DIGITS[char] === 0) {
      // 零 only marks a gap (一百零五); it never carries a value of its own.
      continue;
    } else if (char in DIGITS) {
      if (digit !== undefined) return undefined;
      digit = DIGITS[char];
    } else if (char in SMALL_UNITS) {
      section += (digit ?? 1) * (SMALL_UNITS[char] ?? 0);
      digit = undefined;
    } else if (char in BIG_UNITS) {
      total += (section + (digit ?? 0)) * (BIG_UNITS[char] ?? 0);
      section = 0;
      digit = undefined;
    } else {
      return undefined;
    }
  }
  return total + section + (digit ?? 0);
}

/** Arabic digits with an optional 万/亿 multiplier (3万 = 30000, 1.5万 = 15000), or a Chinese numeral. */
export function parseQuantity(text: string): number | undefined {
  const arabic = /^(\d+(?:\.\d+)?)([万亿]?)$/.exec(text);
  if (arabic) return Number(arabic[1]) * (arabic[2] ? (BIG_UNITS[arabic[2]] ?? 1) : 1);
  return parseChineseNumeral(text);
}
