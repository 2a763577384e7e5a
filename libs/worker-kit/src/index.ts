export * from './diagnostic.activities';
export * from './supervision.activities';
export * from './workflow-bundle';
