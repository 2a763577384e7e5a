import { detectEvidenceType } from './evidence-type';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('evidence file types', () => {
  it.each([
    ['报告.pdf', text('%PDF-1.7\n'), 'application/pdf'],
    ['现场.PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['照片.jpeg', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    [
      '台账.xlsx',
      bytes(0x50, 0x4b, 0x03, 0x04),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['总结.doc', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'application/msword'],
    ['说明.txt', text('已完成改造 500 户。\r\n'), 'text/plain; charset=utf-8'],
  ])('accepts %s by its content', (name, head, mediaType) => {
    expect(detectEvidenceType(head, name)?.mediaType).toBe(mediaType);
  });

  it.each([
    ['a script named as a PDF', 'report.pdf', text('#!/bin/sh\nrm -rf /')],
    ['a PDF named as a picture', 'photo.png', text('%PDF-1.7')],
    ['a ZIP that is not an office file', 'archive.zip', bytes(0x50, 0x4b, 0x03, 0x04)],
    ['an executable', 'setup.exe', bytes(0x4d, 0x5a, 0x90, 0x00)],
    ['binary named as text', 'notes.txt', bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00)],
    ['HTML named as text? (allowed only as .txt)', 'page.html', text('<html><script>')],
  ])('refuses %s', (_case, name, head) => {
    expect(detectEvidenceType(head, name)).toBeNull();
  });
});
