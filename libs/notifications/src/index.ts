export * from './message.types';
export * from './delivery/delivery-timing';
export * from './compose/notice-data';
export * from './compose/digest-data';
export { renderNotice, renderDigest } from './templates/render';
export { chinaDate } from './templates/china-date';
