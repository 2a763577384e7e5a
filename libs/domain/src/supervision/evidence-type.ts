/**
 * What an evidence file (佐证材料) really is, judged by its first bytes, never by the name or
 * the declared type alone: the name's extension must agree with the content. Office formats
 * are containers (ZIP, OLE), so for them the extension says which one.
 */
export interface EvidenceType {
  readonly mediaType: string;
  readonly extension: string;
}

const startsWith = (head: Uint8Array, bytes: readonly number[]) =>
  bytes.every((byte, i) => head[i] === byte);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const OOXML: Readonly<Record<string, string>> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const LEGACY_OFFICE: Readonly<Record<string, string>> = {
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
};

export const EVIDENCE_EXTENSIONS = [
  '.pdf',
  '.png',
  '.jpg',
  '.jpeg',
  ...Object.keys(OOXML),
  ...Object.keys(LEGACY_OFFICE),
  '.txt',
];

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot).toLowerCase();
}

/** The type of an allowed file, or null: `head` is at least its first 512 bytes (or all of it). */
export function detectEvidenceType(head: Uint8Array, fileName: string): EvidenceType | null {
  const extension = extensionOf(fileName);
  const is = (mediaType: string, ...extensions: string[]) =>
    extensions.includes(extension) ? { mediaType, extension } : null;
  if (startsWith(head, PDF)) return is('application/pdf', '.pdf');
  if (startsWith(head, PNG)) return is('image/png', '.png');
  if (startsWith(head, JPEG)) return is('image/jpeg', '.jpg', '.jpeg');
  if (startsWith(head, ZIP))
    return OOXML[extension] ? { mediaType: OOXML[extension], extension } : null;
  if (startsWith(head, OLE)) {
    return LEGACY_OFFICE[extension] ? { mediaType: LEGACY_OFFICE[extension], extension } : null;
  }
  // Plain text: no NUL and no other control bytes than tab, line feed, carriage return.
  const binary = head.some(
    (byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d,
  );
  return binary ? null : is('text/plain; charset=utf-8', '.txt');
}
