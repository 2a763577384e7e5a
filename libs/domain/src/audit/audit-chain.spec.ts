import { createHash } from 'node:crypto';
import {
  AUDIT_TARGET_ID_MAX_LENGTH,
  AuditChainVerifier,
  GENESIS_HASH,
  canonicalJson,
  nextAuditRecord,
  type AuditEntry,
  type AuditRecord,
} from './audit-chain';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const entry = (i: number): AuditEntry => ({
  action: i % 2 ? 'plan.edit-item' : 'auth.login',
  outcome: i % 3 ? 'ok' : 'refused',
  actor:
    i % 4
      ? { userId: `u${i}`, username: `user${i}`, roles: ['staff', 'unit_head'], unitId: 'x' }
      : null,
  targetType: 'item',
  targetId: `item-${i}`,
  reason: i % 3 ? null : '该事项不属于您所在单位',
  before: { title: `旧${i}`, n: i },
  after: { n: i + 1, title: `新${i}` },
  ip: '127.0.0.1',
});

function chain(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let i = 0; i < length; i += 1) {
    records.push(
      nextAuditRecord(records.at(-1) ?? null, entry(i), new Date(1_700_000_000_000 + i), sha256),
    );
  }
  return records;
}

function verify(records: readonly AuditRecord[], head = records.at(-1)?.hash ?? null) {
  const verifier = new AuditChainVerifier(sha256);
  verifier.feed(records.slice(0, 3));
  verifier.feed(records.slice(3));
  return verifier.verdict(head);
}

describe('audit hash chain', () => {
  it('writes JSON with keys sorted at every level, so equal values give equal text', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('numbers records from 1, links each to the previous hash, and starts from the genesis hash', () => {
    const records = chain(3);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records[0]?.prevHash).toBe(GENESIS_HASH);
    expect(records[1]?.prevHash).toBe(records[0]?.hash);
    expect(records[0]?.before).toBe('{"n":0,"title":"旧0"}');
    expect(records[1]?.actorRoles).toBe('staff,unit_head');
  });

  it('verifies an untouched chain in batches, and an empty one', () => {
    expect(verify(chain(10))).toEqual({ ok: true, count: 10, lastHash: chain(10).at(-1)?.hash });
    expect(verify([])).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH });
  });

  /** Every field of a stored record, the links included. */
  const fields: readonly (keyof AuditRecord)[] = [
    'seq',
    'at',
    'actorId',
    'actorName',
    'actorRoles',
    'actorUnitId',
    'action',
    'outcome',
    'targetType',
    'targetId',
    'reason',
    'before',
    'after',
    'ip',
    'prevHash',
    'hash',
  ];

  const changed = (value: AuditRecord[keyof AuditRecord]) =>
    typeof value === 'number' ? value + 100 : `${value ?? ''}x`;

  it.each(fields)('names whichever record had its %s changed', (field) => {
    const intact = chain(10);
    const head = intact.at(-1)?.hash ?? null;
    for (const [index, original] of intact.entries()) {
      const records = [...intact];
      records[index] = { ...original, [field]: changed(original[field]) } as AuditRecord;
      expect(verify(records, head)).toMatchObject({ ok: false, brokenSeq: original.seq });
    }
  });

  it('hashes a lone surrogate as the U+FFFD a database stores for it, so the record still verifies', () => {
    const record = nextAuditRecord(
      null,
      { ...entry(1), targetId: 'a\ud800b', reason: '\udc00', actor: null },
      new Date(0),
      sha256,
    );
    expect(record).toMatchObject({ targetId: 'a\ufffdb', reason: '\ufffd' });
    const stored = { ...record, targetId: Buffer.from('a\ud800b', 'utf8').toString('utf8') };
    expect(verify([stored])).toMatchObject({ ok: true, count: 1 });
  });

  it('names a record whose hash was recomputed after a change, by the next record’s link', () => {
    const records = chain(10);
    const forged = { ...(records[4] as AuditRecord), reason: 'rewritten' };
    records[4] = nextAuditRecord(
      records[3] ?? null,
      { ...entry(4), reason: 'rewritten' },
      new Date(forged.at),
      sha256,
    );
    expect(verify(records)).toMatchObject({ ok: false, brokenSeq: 6 });
  });

  it('names a removed record by its number', () => {
    const records = chain(10);
    records.splice(6, 1);
    expect(verify(records)).toMatchObject({
      ok: false,
      brokenSeq: 7,
      reason: 'record 7 is missing',
    });
  });

  it('catches records cut off the end through the head hash', () => {
    const records = chain(10);
    const head = records.at(-1)?.hash ?? null;
    expect(verify(records.slice(0, 8), head)).toMatchObject({ ok: false, brokenSeq: 9 });
  });

  it('catches two records swapped', () => {
    const records = chain(10);
    [records[2], records[3]] = [records[3] as AuditRecord, records[2] as AuditRecord];
    expect(verify(records)).toMatchObject({ ok: false, brokenSeq: 3 });
  });

  it('keeps at most 200 characters of a target id, and hashes what it keeps', () => {
    const long = { ...entry(1), targetId: 'x'.repeat(5000) };
    const record = nextAuditRecord(null, long, new Date(0), sha256);
    expect(record.targetId).toBe('x'.repeat(AUDIT_TARGET_ID_MAX_LENGTH));
    expect(verify([record])).toMatchObject({ ok: true, count: 1 });
  });
});
