const DOCUMENT_TITLE = /《[^《》\n]+》/g;
/** 皖民社救字〔2024〕10号, also with [] or ［］ around the year. */
const DOCUMENT_NUMBER = /[\u4e00-\u9fa5]{1,12}[〔[［]\d{4}[〕\]］]\d+号/g;

/** Policy documents and document numbers cited in a text, in order, each once. */
export function findReferences(text: string): string[] {
  const found = [...text.matchAll(DOCUMENT_TITLE), ...text.matchAll(DOCUMENT_NUMBER)]
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
    .map((m) => m[0]);
  return [...new Set(found)];
}
