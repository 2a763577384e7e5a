import type { Locale } from '../message.types';
import { DIGEST, NOTICE_KINDS, NOTICES, VARIANTS } from '../testing/fixtures';
import { renderDigest } from './digest';
import { renderNotice } from './notice';

// What each message says, word for word: a change to wording or layout shows up in review.
describe.each<Locale>(['zh-CN', 'en'])('messages in %s', (locale) => {
  it.each(NOTICE_KINDS)('%s', (kind) => {
    expect(renderNotice(NOTICES[kind], locale)).toMatchSnapshot();
  });

  it.each(Object.entries(VARIANTS))('%s', (_name, data) => {
    expect(renderNotice(data, locale)).toMatchSnapshot();
  });

  it('daily digest', () => {
    expect(renderDigest(DIGEST, locale)).toMatchSnapshot();
  });
});
