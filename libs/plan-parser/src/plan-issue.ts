import { PlanIssueCode, type PlanIssue } from './plan.types';

export function planIssue(
  code: PlanIssueCode,
  line: number | null,
  message: string,
  messageEn: string,
): PlanIssue {
  return { code, line, message, messageEn };
}

/** Issues that make a document unusable; everything else is a warning. */
export const ERROR_CODES: ReadonlySet<PlanIssueCode> = new Set([
  PlanIssueCode.EmptyInput,
  PlanIssueCode.InputTooLarge,
  PlanIssueCode.BinaryInput,
  PlanIssueCode.UnknownEncoding,
  PlanIssueCode.UnreadableDocx,
  PlanIssueCode.NoHeadings,
  PlanIssueCode.YearMissing,
]);
