export * from './assert-unreachable';
export * from './domain.exception';
export * from './diagnostic-note';
export * from './plan-draft';
export * from './access';
export * from './audit/audit-chain';
export * from './calendar';
export * from './supervision';
