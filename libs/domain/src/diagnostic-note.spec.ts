import { type DomainException, DomainExceptionCode } from './domain.exception';
import { DIAGNOSTIC_NOTE_MAX_LENGTH, normalizeDiagnosticNote } from './diagnostic-note';

describe('normalizeDiagnosticNote', () => {
  it('trims and keeps Chinese text whole', () => {
    expect(normalizeDiagnosticNote('  督办自检  ')).toBe('督办自检');
  });

  it('treats a missing note as empty', () => {
    expect(normalizeDiagnosticNote(undefined)).toBe('');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(normalizeDiagnosticNote('𠮷'.repeat(DIAGNOSTIC_NOTE_MAX_LENGTH))).toHaveLength(
      DIAGNOSTIC_NOTE_MAX_LENGTH * 2,
    );
  });

  it.each([[42], ['x'.repeat(DIAGNOSTIC_NOTE_MAX_LENGTH + 1)]])(
    'rejects %p as invalid input',
    (note) => {
      expect(() => normalizeDiagnosticNote(note)).toThrow(
        expect.objectContaining({ code: DomainExceptionCode.InvalidInput }) as DomainException,
      );
    },
  );
});
