import { Document, Packer, Paragraph } from 'docx';
import * as iconv from 'iconv-lite';
import { parsePlanBytes } from './parse-plan';
import { PlanIssueCode, type ParsedPlan, type ParseResult } from './plan.types';
import { samplePlanText } from './testing/sample-plan';

const utf8 = (text: string) => new TextEncoder().encode(text);

function planOf(result: ParseResult): ParsedPlan {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

/** Everything but the note about which encoding was detected. */
function withoutEncodingNote(plan: ParsedPlan): ParsedPlan {
  return {
    ...plan,
    warnings: plan.warnings.filter((w) => w.code !== PlanIssueCode.EncodingDetected),
  };
}

async function docxOf(text: string): Promise<Uint8Array> {
  const paragraphs = text.split('\n').map((line) => new Paragraph(line));
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

describe('the sample in every supported form parses to the same structure', () => {
  const text = samplePlanText();
  let baseline: ParsedPlan;

  beforeAll(async () => {
    baseline = planOf(await parsePlanBytes(utf8(text)));
  });

  it.each<[string, () => Uint8Array]>([
    ['UTF-8 with BOM', () => utf8(`\uFEFF${text}`)],
    ['GB18030', () => iconv.encode(text, 'gb18030')],
    ['GBK', () => iconv.encode(text, 'gbk')],
    ['UTF-16LE with BOM', () => iconv.encode(`\uFEFF${text}`, 'utf-16le')],
    ['UTF-16BE with BOM', () => iconv.encode(`\uFEFF${text}`, 'utf-16be')],
    ['CRLF line ends', () => utf8(text.replace(/\n/g, '\r\n'))],
    ['CR line ends', () => utf8(text.replace(/\n/g, '\r'))],
    ['full-width brackets', () => utf8(text.replace(/\(/g, '（').replace(/\)/g, '）'))],
  ])('%s', async (_form, bytes) => {
    expect(withoutEncodingNote(planOf(await parsePlanBytes(bytes())))).toEqual(baseline);
  });

  it('says which encoding it detected when it was not UTF-8', async () => {
    const plan = planOf(await parsePlanBytes(iconv.encode(text, 'gb18030')));
    expect(plan.warnings[0]).toMatchObject({
      code: PlanIssueCode.EncodingDetected,
      message: '文件按 GB18030 编码读取',
    });
  });

  it('a .docx built from the same paragraphs', async () => {
    const plan = planOf(await parsePlanBytes(await docxOf(text), { fileName: '工作要点.docx' }));
    expect(plan).toEqual(baseline);
  });
});
