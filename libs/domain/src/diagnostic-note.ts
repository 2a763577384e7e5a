import { DomainException, DomainExceptionCode } from './domain.exception';

export const DIAGNOSTIC_NOTE_MAX_LENGTH = 200;

/** A diagnostic note is free text an operator types; it must fit the column it lands in. */
export function normalizeDiagnosticNote(note: unknown): string {
  if (note === undefined || note === null) return '';
  if (typeof note !== 'string') {
    throw new DomainException(DomainExceptionCode.InvalidInput, '备注必须是文本', {
      field: 'note',
      messageEn: 'note must be a string',
    });
  }
  const trimmed = note.trim();
  if ([...trimmed].length > DIAGNOSTIC_NOTE_MAX_LENGTH) {
    throw new DomainException(
      DomainExceptionCode.InvalidInput,
      `备注不能超过 ${DIAGNOSTIC_NOTE_MAX_LENGTH} 个字符`,
      { field: 'note', messageEn: `note must be at most ${DIAGNOSTIC_NOTE_MAX_LENGTH} characters` },
    );
  }
  return trimmed;
}
