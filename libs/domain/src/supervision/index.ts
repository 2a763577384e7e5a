export * from './offsets';
export * from './escalation-policy';
export * from './ladder';
export * from './traffic-light';
export * from './milestones';
export * from './work-item';
export * from './work-item-commands';
export * from './recipients';
