// Must fail lint: the plan reader opens .docx files; a workflow gets plans as data.
import { parsePlanText } from '@duban/plan-parser';

export const forbidden = [parsePlanText];
