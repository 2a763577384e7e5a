export * from './plan.types';
export { parsePlanText, parsePlanBytes } from './parse-plan';
export { DEFAULT_OWNER_RULES, ownerRulesFrom, suggestUnit } from './owner-rules';
export { MAX_INPUT_BYTES } from './decode';
