import { planIssue } from './plan-issue';
import { PlanIssueCode, type PlanIssue } from './plan.types';

export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncodingName }
  | { readonly ok: false; readonly issue: PlanIssue };

const BOMS: readonly [TextEncodingName, readonly number[]][] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** Control bytes other than tab, line feed, form feed and carriage return: text has almost none. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d)
      control += 1;
  }
  return control > sample.length * 0.01;
}

function decodeStrict(bytes: Uint8Array, encoding: TextEncodingName): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * GB18030 decodes almost any byte string; a real Chinese document is mostly common CJK
 * characters, ASCII and CJK punctuation. Anything else would be mojibake.
 */
function plausibleChinese(text: string): boolean {
  const chars = [...text.replace(/\s/g, '')];
  if (chars.length === 0) return false;
  const common = chars.filter((c) =>
    /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e]/.test(c),
  );
  return common.length >= chars.length * 0.95;
}

const tooLarge = (size: number) =>
  planIssue(
    PlanIssueCode.InputTooLarge,
    null,
    `文件过大（${size} 字节），上限为 5 MB（${MAX_INPUT_BYTES} 字节）`,
    `input is ${size} bytes; the limit is 5 MB (${MAX_INPUT_BYTES} bytes)`,
  );

/** Checks that apply to every upload, text or .docx. */
export function checkInputSize(bytes: Uint8Array): PlanIssue | undefined {
  if (bytes.length === 0) {
    return planIssue(PlanIssueCode.EmptyInput, null, '文件为空', 'the input is empty');
  }
  return bytes.length > MAX_INPUT_BYTES ? tooLarge(bytes.length) : undefined;
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK; never mojibake. */
export function decodePlanBytes(bytes: Uint8Array): DecodeResult {
  const sizeIssue = checkInputSize(bytes);
  if (sizeIssue) return { ok: false, issue: sizeIssue };
  for (const [encoding, bom] of BOMS) {
    if (startsWith(bytes, bom)) {
      const text = decodeStrict(bytes.subarray(bom.length), encoding);
      if (text !== undefined) return { ok: true, text, encoding };
    }
  }
  if (looksBinary(bytes)) {
    return {
      ok: false,
      issue: planIssue(
        PlanIssueCode.BinaryInput,
        null,
        '文件不是文本文档（含二进制内容）',
        'the input is binary, not text',
      ),
    };
  }
  const utf8 = decodeStrict(bytes, 'utf-8');
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'utf-8' };
  const gb = decodeStrict(bytes, 'gb18030');
  if (gb !== undefined && plausibleChinese(gb)) return { ok: true, text: gb, encoding: 'gb18030' };
  return {
    ok: false,
    issue: planIssue(
      PlanIssueCode.UnknownEncoding,
      null,
      '无法识别文件编码：请另存为 UTF-8 或 GB18030 文本',
      'unknown text encoding: save the document as UTF-8 or GB18030 text',
    ),
  };
}
