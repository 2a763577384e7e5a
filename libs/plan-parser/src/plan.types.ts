import type { PlanTarget } from '@duban/domain';

/* What the reader makes of a 工作要点 document. Field names are part of the CLI's JSON contract. */

export type { PlanTarget };

export interface PlanTask {
  readonly text: string;
  /** Deadline stated in this sentence (YYYY-MM-DD), or null. */
  readonly due: string | null;
  readonly dueSource: string | null;
}

export interface PlanItem {
  readonly no: number;
  readonly title: string;
  readonly body: string;
  /** Only the heading exists (the outline names it, the body never reaches it). */
  readonly bodyMissing: boolean;
  /** The body stops in mid-sentence: the document was cut off here. */
  readonly truncated: boolean;
  readonly tasks: readonly PlanTask[];
  readonly targets: readonly PlanTarget[];
  /** YYYY-MM-DD; 12-31 of the plan year unless the text says otherwise. */
  readonly due: string;
  /** The phrase the due date came from, or null for the default. */
  readonly dueSource: string | null;
  /** Policy documents (《…》) and document numbers (…〔YYYY〕N号). */
  readonly references: readonly string[];
  readonly suggestedUnit: string | null;
  /** 1-based line of the heading that carries the body (or of the outline entry). */
  readonly line: number;
}

export interface PlanSection {
  readonly no: number;
  readonly title: string;
  /** Text between the section heading and its first item, if any. */
  readonly intro: string;
  readonly items: readonly PlanItem[];
  readonly line: number;
}

export enum PlanIssueCode {
  EmptyInput = 'EMPTY_INPUT',
  InputTooLarge = 'INPUT_TOO_LARGE',
  BinaryInput = 'BINARY_INPUT',
  UnknownEncoding = 'UNKNOWN_ENCODING',
  UnreadableDocx = 'UNREADABLE_DOCX',
  NoHeadings = 'NO_HEADINGS',
  YearMissing = 'YEAR_MISSING',
  ItemOutsideSection = 'ITEM_OUTSIDE_SECTION',
  EncodingDetected = 'ENCODING_DETECTED',
  TitleMissing = 'TITLE_MISSING',
  YearMismatch = 'YEAR_MISMATCH',
  NumberSkipped = 'NUMBER_SKIPPED',
  NumberDuplicated = 'NUMBER_DUPLICATED',
  HeadingMismatch = 'HEADING_MISMATCH',
  BodyMissing = 'BODY_MISSING',
  BodyTruncated = 'BODY_TRUNCATED',
}

export interface PlanIssue {
  /** 1-based line in the decoded text, or null when the issue concerns the whole document. */
  readonly line: number | null;
  readonly code: PlanIssueCode;
  /** zh-CN, for the supervisor. */
  readonly message: string;
  readonly messageEn: string;
}

export interface ParsedPlan {
  readonly title: string;
  readonly year: number;
  readonly preamble: string;
  readonly sections: readonly PlanSection[];
  readonly warnings: readonly PlanIssue[];
}

export type ParseResult =
  | { readonly ok: true; readonly plan: ParsedPlan }
  | {
      readonly ok: false;
      readonly errors: readonly PlanIssue[];
      readonly warnings: readonly PlanIssue[];
    };

/** One rule of the owner-suggestion table: any keyword in an item points to the unit. */
export interface OwnerRule {
  readonly unit: string;
  readonly keywords: readonly string[];
}

export interface ParseOptions {
  /** Used when the title carries no year. */
  readonly year?: number;
  readonly ownerRules?: readonly OwnerRule[];
}
