export * from './roles';
export * from './permissions';
export * from './item-access';
export * from './organisation';
