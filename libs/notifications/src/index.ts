export * from './message.types';
export * from './delivery/delivery-timing';
export * from './delivery/bundles';
export * from './compose/notice-data';
export * from './compose/digest-data';
export { renderNotice } from './templates/notice';
export { renderDigest } from './templates/digest';
export { renderBundle } from './templates/bundle';
export { chinaDate, chinaDateTime, chinaDueDate } from './templates/china-date';
