export * from './roles';
export * from './permissions';
export * from './item-access';
export * from './contact-details';
export * from './organisation';
