const OPENERS: Readonly<Record<string, string>> = {
  '“': '”',
  '‘': '’',
  '《': '》',
  '(': ')',
  '〔': '〕',
  '[': ']',
};
const CLOSERS = new Set(Object.values(OPENERS));

/**
 * Positions inside quotes, document titles and brackets. An opener without its closer (a
 * document cut off mid-quote) protects everything after it.
 */
function nestingDepths(text: string): number[] {
  const depths: number[] = [];
  const stack: string[] = [];
  for (const char of text) {
    if (CLOSERS.has(char) && stack.at(-1) === char) {
      stack.pop();
      depths.push(stack.length + 1);
      continue;
    }
    const closer = OPENERS[char];
    if (closer) stack.push(closer);
    depths.push(stack.length);
  }
  return depths;
}

const SENTENCE_END = new Set(['。', '；', ';', '！', '？', '!', '?', '\n']);

/** Task sentences: split on 。 and ；(and line breaks), never inside quotes, 《》 or brackets. */
export function splitSentences(text: string): string[] {
  const chars = [...text];
  const depths = nestingDepths(text);
  const sentences: string[] = [];
  let current = '';
  chars.forEach((char, i) => {
    if (SENTENCE_END.has(char) && depths[i] === 0) {
      sentences.push(current);
      current = '';
    } else {
      current += char;
    }
  });
  sentences.push(current);
  return sentences.map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * The text with quoted slogans (“三会一课”), document titles (《…》) and document numbers
 * (〔2024〕) blanked out, same length, so numbers and dates inside them are never read.
 */
export function maskQuoted(text: string): string {
  const stack: string[] = [];
  let out = '';
  for (const char of text) {
    const closer =
      char === '“'
        ? '”'
        : char === '《'
          ? '》'
          : char === '〔'
            ? '〕'
            : char === '‘'
              ? '’'
              : undefined;
    if (closer) {
      stack.push(closer);
      out += ' ';
    } else if (stack.length > 0) {
      if (char === stack.at(-1)) stack.pop();
      out += ' ';
    } else {
      out += char;
    }
  }
  return out;
}

/** Ends like a finished sentence (or a finished quotation). */
export function endsSentence(text: string): boolean {
  return /[。！？!?；;…”’)）】」』]$/.test(text.trim());
}
