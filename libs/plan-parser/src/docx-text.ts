import { extractRawText } from 'mammoth';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function looksLikeDocx(bytes: Uint8Array, fileName?: string): boolean {
  return (
    fileName?.toLowerCase().endsWith('.docx') === true || ZIP_MAGIC.every((b, i) => bytes[i] === b)
  );
}

/** The paragraphs of a .docx, one per line. Throws when the file is not a readable .docx. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const { value } = await extractRawText({ buffer: Buffer.from(bytes) });
  return value.replace(/\n\n/g, '\n');
}
