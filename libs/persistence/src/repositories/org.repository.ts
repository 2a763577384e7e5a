import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { transaction } from '../transaction';
import {
  DomainException,
  DomainExceptionCode,
  actorOf,
  isRole,
  type Actor,
  type AuditActorRef,
  type ChatWebhookSpec,
  type DeliveryMode,
  type Locale,
  type Organisation,
  type Role,
  type UnitKind,
} from '@duban/domain';
import { OrgUnitEntity } from '../entities/org-unit.entity';
import { PersonChargeUnitEntity } from '../entities/person-charge-unit.entity';
import { PersonEntity } from '../entities/person.entity';
import type { AuditRepository } from './audit.repository';

/** A robot as it may be shown: the URL's token and the signing secret are credentials. */
export interface ChatWebhookView {
  readonly kind: ChatWebhookSpec['kind'];
  readonly url: string;
  readonly signed: boolean;
}

export type UnitView = Omit<UnitFields, 'chatWebhook'> & {
  readonly id: string;
  readonly chatWebhook: ChatWebhookView | null;
};

export interface UnitFields {
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly headId: string | null;
  /** Left out: the unit keeps its robot (so a view, which masks it, can be written back). */
  readonly chatWebhook?: ChatWebhookSpec | null;
}

/** A person as an admin writes them (units by id). */
export interface PersonFields {
  readonly username: string;
  readonly name: string;
  readonly unitId: string | null;
  readonly email: string;
  readonly mobile: string | null;
  readonly roles: readonly Role[];
  readonly chargeUnitIds: readonly string[];
  readonly locale: Locale;
  readonly delivery: DeliveryMode;
  readonly active: boolean;
}

export interface PersonView extends PersonFields {
  readonly id: string;
  /** Has a password: can log in. */
  readonly canLogin: boolean;
  readonly lockedUntil: string | null;
}

/** What login needs besides the view: never leaves the server. */
export interface PersonCredentials extends PersonView {
  readonly passwordHash: string | null;
  readonly failedLogins: number;
}

export interface OrgImportSummary {
  readonly units: { readonly created: number; readonly updated: number };
  readonly people: { readonly created: number; readonly updated: number };
}

function webhookView(hook: ChatWebhookSpec | null): ChatWebhookView | null {
  if (!hook) return null;
  const url = new URL(hook.url);
  return { kind: hook.kind, url: `${url.origin}${url.pathname}`, signed: hook.secret !== null };
}

function unitView(row: OrgUnitEntity): UnitView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    headId: row.headId,
    chatWebhook: webhookView(row.chatWebhook),
  };
}

function personView(row: PersonEntity, chargeUnitIds: readonly string[]): PersonCredentials {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    unitId: row.unitId,
    email: row.email,
    mobile: row.mobile,
    roles: row.roles.split(',').filter(isRole),
    chargeUnitIds,
    locale: row.locale as Locale,
    delivery: row.deliveryMode as DeliveryMode,
    active: row.active,
    canLogin: row.passwordHash !== null,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    passwordHash: row.passwordHash,
    failedLogins: row.failedLogins,
  };
}

/** The view without credentials: what the API may answer. */
export function publicPerson({
  passwordHash,
  failedLogins,
  ...view
}: PersonCredentials): PersonView {
  return view;
}

function notFound(what: string, id: string): DomainException {
  return new DomainException(DomainExceptionCode.NotFound, `${what} ${id} 不存在`);
}

function conflict(message: string, field: string): DomainException {
  return new DomainException(DomainExceptionCode.Conflict, message, { field });
}

/** Units and people: the organisation every assignment, reminder and approval refers to. */
export class OrgRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  async listUnits(): Promise<UnitView[]> {
    const rows = await this.dataSource
      .getRepository(OrgUnitEntity)
      .find({ order: { code: 'ASC' } });
    return rows.map(unitView);
  }

  async findUnit(id: string): Promise<UnitView> {
    const row = await this.dataSource.getRepository(OrgUnitEntity).findOneBy({ id });
    if (!row) throw notFound('单位', id);
    return unitView(row);
  }

  /** The units' robots with their credentials: for delivery only, never for an answer. */
  async chatWebhooks(): Promise<Map<string, ChatWebhookSpec>> {
    const rows = await this.dataSource.getRepository(OrgUnitEntity).find();
    return new Map(
      rows.flatMap((row) => (row.chatWebhook ? [[row.id, row.chatWebhook] as const] : [])),
    );
  }

  async listPeople(): Promise<PersonView[]> {
    return transaction(this.dataSource, async (manager) => {
      const rows = await manager.find(PersonEntity, { order: { username: 'ASC' } });
      return (await withCharges(manager, rows)).map(publicPerson);
    });
  }

  async findPerson(id: string): Promise<PersonCredentials> {
    const person = await this.findPersonBy({ id });
    if (!person) throw notFound('人员', id);
    return person;
  }

  async findPersonBy(
    where: { id: string } | { username: string },
  ): Promise<PersonCredentials | null> {
    return transaction(this.dataSource, async (manager) => {
      const row = await manager.findOneBy(PersonEntity, where);
      return row ? ((await withCharges(manager, [row]))[0] ?? null) : null;
    });
  }

  /** The acting identity of an active person, as commands carry it; null if unknown or inactive. */
  async actorOf(personId: string): Promise<Actor | null> {
    const person = await this.findPersonBy({ id: personId });
    return person?.active ? actorOf(person) : null;
  }

  createUnit(fields: UnitFields, actor: AuditActorRef | null): Promise<UnitView> {
    return transaction(this.dataSource, async (manager) => {
      await assertUnitFree(manager, fields, null);
      await assertHeadInUnit(manager, fields.headId, null);
      const now = new Date();
      const row = manager.create(OrgUnitEntity, {
        id: randomUUID(),
        chatWebhook: null,
        ...fields,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(OrgUnitEntity, row);
      const after = unitView(row);
      await this.audit.append(
        {
          action: 'unit.create',
          outcome: 'ok',
          actor,
          targetType: 'unit',
          targetId: row.id,
          after,
        },
        manager,
      );
      return after;
    });
  }

  updateUnit(id: string, fields: UnitFields, actor: AuditActorRef | null): Promise<UnitView> {
    return transaction(this.dataSource, async (manager) => {
      const row = await manager.findOneBy(OrgUnitEntity, { id });
      if (!row) throw notFound('单位', id);
      await assertUnitFree(manager, fields, id);
      await assertHeadInUnit(manager, fields.headId, id);
      const before = unitView(row);
      await manager.update(OrgUnitEntity, { id }, { ...fields, updatedAt: new Date() });
      const after = unitView(await manager.findOneByOrFail(OrgUnitEntity, { id }));
      await this.audit.append(
        {
          action: 'unit.update',
          outcome: 'ok',
          actor,
          targetType: 'unit',
          targetId: id,
          before,
          after,
        },
        manager,
      );
      return after;
    });
  }

  deleteUnit(id: string, actor: AuditActorRef | null): Promise<void> {
    return transaction(this.dataSource, async (manager) => {
      const row = await manager.findOneBy(OrgUnitEntity, { id });
      if (!row) throw notFound('单位', id);
      if (await manager.existsBy(PersonEntity, { unitId: id })) {
        throw new DomainException(
          DomainExceptionCode.Conflict,
          `单位“${row.name}”还有人员，不能删除`,
        );
      }
      await manager.delete(OrgUnitEntity, { id });
      await this.audit.append(
        {
          action: 'unit.delete',
          outcome: 'ok',
          actor,
          targetType: 'unit',
          targetId: id,
          before: unitView(row),
        },
        manager,
      );
    });
  }

  createPerson(
    fields: PersonFields,
    passwordHash: string | null,
    actor: AuditActorRef | null,
  ): Promise<PersonView> {
    return transaction(this.dataSource, async (manager) => {
      if (await manager.existsBy(PersonEntity, { username: fields.username })) {
        throw conflict(`用户名“${fields.username}”已存在`, 'username');
      }
      await assertUnitsExist(manager, fields);
      const now = new Date();
      const id = randomUUID();
      await manager.insert(PersonEntity, personRow(id, fields, now, passwordHash));
      await replaceCharges(manager, id, fields.chargeUnitIds);
      const after = publicPerson(await mustFindPerson(manager, id));
      await this.audit.append(
        {
          action: 'person.create',
          outcome: 'ok',
          actor,
          targetType: 'person',
          targetId: id,
          after,
        },
        manager,
      );
      return after;
    });
  }

  updatePerson(id: string, fields: PersonFields, actor: AuditActorRef | null): Promise<PersonView> {
    return transaction(this.dataSource, async (manager) => {
      const before = publicPerson(await mustFindPerson(manager, id));
      if (
        fields.username !== before.username &&
        (await manager.existsBy(PersonEntity, { username: fields.username }))
      ) {
        throw conflict(`用户名“${fields.username}”已存在`, 'username');
      }
      await assertUnitsExist(manager, fields);
      await manager.update(PersonEntity, { id }, personChanges(fields, new Date()));
      await replaceCharges(manager, id, fields.chargeUnitIds);
      const after = publicPerson(await mustFindPerson(manager, id));
      await this.audit.append(
        {
          action: 'person.update',
          outcome: 'ok',
          actor,
          targetType: 'person',
          targetId: id,
          before,
          after,
        },
        manager,
      );
      return after;
    });
  }

  /** A person's own choice of how notices reach them. */
  setDelivery(id: string, delivery: DeliveryMode, actor: AuditActorRef): Promise<PersonView> {
    return transaction(this.dataSource, async (manager) => {
      const before = publicPerson(await mustFindPerson(manager, id));
      await manager.update(PersonEntity, { id }, { deliveryMode: delivery, updatedAt: new Date() });
      const after = { ...before, delivery };
      await this.audit.append(
        {
          action: 'person.set-delivery',
          outcome: 'ok',
          actor,
          targetType: 'person',
          targetId: id,
          before: { delivery: before.delivery },
          after: { delivery },
        },
        manager,
      );
      return after;
    });
  }

  /** Sets a new password hash and lifts any lockout; the hash itself never enters the trail. */
  setPassword(id: string, passwordHash: string, actor: AuditActorRef | null): Promise<void> {
    return transaction(this.dataSource, async (manager) => {
      await mustFindPerson(manager, id);
      await manager.update(
        PersonEntity,
        { id },
        { passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: new Date() },
      );
      await this.audit.append(
        { action: 'person.set-password', outcome: 'ok', actor, targetType: 'person', targetId: id },
        manager,
      );
    });
  }

  /**
   * Counts a failed login in one statement (concurrent failures all count) and locks the account
   * once the count reaches `maxFailures`. Answers the lock's end, or null.
   */
  async recordLoginFailure(
    id: string,
    maxFailures: number,
    lockMs: number,
    now: Date,
  ): Promise<Date | null> {
    return transaction(this.dataSource, async (manager) => {
      await manager.increment(PersonEntity, { id }, 'failedLogins', 1);
      const row = await manager.findOneByOrFail(PersonEntity, { id });
      if (row.failedLogins < maxFailures) return null;
      const until = new Date(now.getTime() + lockMs);
      await manager.update(PersonEntity, { id }, { failedLogins: 0, lockedUntil: until });
      return until;
    });
  }

  async recordLoginSuccess(id: string): Promise<void> {
    await this.dataSource
      .getRepository(PersonEntity)
      .update({ id }, { failedLogins: 0, lockedUntil: null });
  }

  /**
   * Loads an organisation file: units by code and people by username are created or updated, so
   * loading the same file twice changes nothing. Passwords and lockouts are never touched.
   */
  importOrganisation(org: Organisation, actor: AuditActorRef | null): Promise<OrgImportSummary> {
    return transaction(this.dataSource, async (manager) => {
      const now = new Date();
      const unitIds = new Map<string, string>();
      const created = new Set<string>();
      const updated = new Set<string>();
      for (const spec of org.units) {
        const existing = await manager.findOneBy(OrgUnitEntity, { code: spec.code });
        const fields = {
          code: spec.code,
          name: spec.name,
          kind: spec.kind,
          chatWebhook: spec.chatWebhook,
        };
        if (!existing) {
          const id = randomUUID();
          await manager.insert(OrgUnitEntity, {
            id,
            ...fields,
            headId: null,
            createdAt: now,
            updatedAt: now,
          });
          unitIds.set(spec.code, id);
          created.add(spec.code);
        } else {
          unitIds.set(spec.code, existing.id);
          if (
            existing.name !== spec.name ||
            existing.kind !== spec.kind ||
            JSON.stringify(existing.chatWebhook) !== JSON.stringify(spec.chatWebhook)
          ) {
            await manager.update(OrgUnitEntity, { id: existing.id }, { ...fields, updatedAt: now });
            updated.add(spec.code);
          }
        }
      }
      const personIds = new Map<string, string>();
      const people = { created: 0, updated: 0 };
      for (const spec of org.people) {
        const fields: PersonFields = {
          username: spec.username,
          name: spec.name,
          unitId: spec.unit === null ? null : (unitIds.get(spec.unit) ?? null),
          email: spec.email,
          mobile: spec.mobile,
          roles: spec.roles,
          chargeUnitIds: spec.charge.map((code) => unitIds.get(code) ?? ''),
          locale: spec.locale,
          delivery: spec.delivery,
          active: true,
        };
        const existing = await manager.findOneBy(PersonEntity, { username: spec.username });
        const id = existing?.id ?? randomUUID();
        personIds.set(spec.username, id);
        if (!existing) {
          await manager.insert(PersonEntity, personRow(id, fields, now, null));
          await replaceCharges(manager, id, fields.chargeUnitIds);
          people.created += 1;
        } else if (!samePerson(existing, fields, await chargesOf(manager, id))) {
          await manager.update(PersonEntity, { id }, personChanges(fields, now));
          await replaceCharges(manager, id, fields.chargeUnitIds);
          people.updated += 1;
        }
      }
      // Heads last: a head is one of the unit's people, who may have been created just above.
      for (const spec of org.units) {
        const id = unitIds.get(spec.code) ?? '';
        const headId = spec.head === null ? null : (personIds.get(spec.head) ?? null);
        const row = await manager.findOneByOrFail(OrgUnitEntity, { id });
        if (row.headId !== headId) {
          await manager.update(OrgUnitEntity, { id }, { headId, updatedAt: now });
          if (!created.has(spec.code)) updated.add(spec.code);
        }
      }
      const units = { created: created.size, updated: updated.size };
      const summary = { units, people };
      await this.audit.append(
        {
          action: 'org.import',
          outcome: 'ok',
          actor,
          targetType: 'organisation',
          targetId: null,
          after: summary,
        },
        manager,
      );
      return summary;
    });
  }
}

/** The columns a person's fields map to (credentials and lockout excluded). */
function personChanges(fields: PersonFields, now: Date) {
  const { chargeUnitIds, roles, delivery, ...rest } = fields;
  return { ...rest, roles: roles.join(','), deliveryMode: delivery, updatedAt: now };
}

function personRow(
  id: string,
  fields: PersonFields,
  now: Date,
  passwordHash: string | null,
): PersonEntity {
  return {
    id,
    ...personChanges(fields, now),
    passwordHash,
    failedLogins: 0,
    lockedUntil: null,
    createdAt: now,
  };
}

function samePerson(row: PersonEntity, fields: PersonFields, charges: readonly string[]): boolean {
  return (
    row.name === fields.name &&
    row.unitId === fields.unitId &&
    row.email === fields.email &&
    row.mobile === fields.mobile &&
    row.roles === fields.roles.join(',') &&
    row.locale === fields.locale &&
    row.deliveryMode === fields.delivery &&
    row.active === fields.active &&
    [...charges].sort().join() === [...fields.chargeUnitIds].sort().join()
  );
}

async function chargesOf(manager: EntityManager, personId: string): Promise<string[]> {
  const rows = await manager.findBy(PersonChargeUnitEntity, { personId });
  return rows.map((r) => r.unitId);
}

async function withCharges(
  manager: EntityManager,
  rows: PersonEntity[],
): Promise<PersonCredentials[]> {
  const charges = rows.length
    ? await manager.findBy(PersonChargeUnitEntity, { personId: In(rows.map((r) => r.id)) })
    : [];
  return rows.map((row) =>
    personView(
      row,
      charges
        .filter((c) => c.personId === row.id)
        .map((c) => c.unitId)
        .sort(),
    ),
  );
}

async function mustFindPerson(manager: EntityManager, id: string): Promise<PersonCredentials> {
  const row = await manager.findOneBy(PersonEntity, { id });
  if (!row) throw notFound('人员', id);
  return (await withCharges(manager, [row]))[0] as PersonCredentials;
}

async function replaceCharges(
  manager: EntityManager,
  personId: string,
  unitIds: readonly string[],
) {
  await manager.delete(PersonChargeUnitEntity, { personId });
  if (unitIds.length) {
    await manager.insert(
      PersonChargeUnitEntity,
      [...new Set(unitIds)].map((unitId) => ({ personId, unitId })),
    );
  }
}

async function assertUnitFree(manager: EntityManager, fields: UnitFields, selfId: string | null) {
  for (const field of ['code', 'name'] as const) {
    const other = await manager.findOneBy(OrgUnitEntity, { [field]: fields[field] });
    if (other && other.id !== selfId)
      throw conflict(`单位${field === 'code' ? '代码' : '名称'}“${fields[field]}”已存在`, field);
  }
}

async function assertHeadInUnit(
  manager: EntityManager,
  headId: string | null,
  unitId: string | null,
) {
  if (headId === null) return;
  const head = await manager.findOneBy(PersonEntity, { id: headId });
  if (!head || head.unitId !== unitId) {
    throw new DomainException(DomainExceptionCode.InvalidInput, '单位负责人必须是本单位人员', {
      field: 'headId',
    });
  }
}

async function assertUnitsExist(manager: EntityManager, fields: PersonFields) {
  const wanted = [...new Set([...(fields.unitId ? [fields.unitId] : []), ...fields.chargeUnitIds])];
  const found = wanted.length ? await manager.countBy(OrgUnitEntity, { id: In(wanted) }) : 0;
  if (found !== wanted.length) {
    throw new DomainException(DomainExceptionCode.InvalidInput, '所属单位或分管单位不存在', {
      field: 'unitId',
    });
  }
}
