import { Injectable } from '@nestjs/common';
import {
  DomainException,
  DomainExceptionCode,
  maySeeContactDetails,
  readOrganisation,
  type Actor,
} from '@duban/domain';
import {
  OrgRepository,
  SessionRepository,
  publicPerson,
  type OrgImportSummary,
  type PersonFields,
  type PersonView,
} from '@duban/persistence';
import { hashPassword, passwordProblem } from '@duban/security';
import type { Caller } from '../auth/access.decorator';
import { auditActor } from '../auth/audit-actor';

async function passwordHashOf(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem)
    throw new DomainException(DomainExceptionCode.InvalidInput, problem, { field: 'password' });
  return hashPassword(password);
}

/** A person as someone else sees them: e-mail and mobile only where maySeeContactDetails allows. */
export type PersonListing = Omit<PersonView, 'email' | 'mobile'> &
  Partial<Pick<PersonView, 'email' | 'mobile'>>;

function seenBy(viewer: Actor, person: PersonView): PersonListing {
  if (maySeeContactDetails(viewer, person)) return person;
  const { email, mobile, ...rest } = person;
  return rest;
}

/** People and their accounts; units go straight to the repository. */
@Injectable()
export class OrgService {
  constructor(
    private readonly org: OrgRepository,
    private readonly sessions: SessionRepository,
  ) {}

  async people(caller: Caller): Promise<PersonListing[]> {
    return (await this.org.listPeople()).map((person) => seenBy(caller.actor, person));
  }

  async person(id: string, caller: Caller): Promise<PersonListing> {
    return seenBy(caller.actor, publicPerson(await this.org.findPerson(id)));
  }

  async createPerson(
    fields: PersonFields,
    password: string | undefined,
    caller: Caller,
  ): Promise<PersonView> {
    const hash = password === undefined ? null : await passwordHashOf(password);
    return this.org.createPerson(fields, hash, auditActor(caller.actor));
  }

  /** Deactivating a person also ends their sessions: a leaver's tokens stop at once. */
  async updatePerson(id: string, fields: PersonFields, caller: Caller): Promise<PersonView> {
    const person = await this.org.updatePerson(id, fields, auditActor(caller.actor));
    if (!person.active) await this.sessions.revokeAllOf(id, new Date());
    return person;
  }

  async setPassword(id: string, password: string, caller: Caller): Promise<void> {
    await this.org.setPassword(id, await passwordHashOf(password), auditActor(caller.actor));
    await this.sessions.revokeAllOf(id, new Date());
  }

  importOrganisation(data: unknown, caller: Caller): Promise<OrgImportSummary> {
    return this.org.importOrganisation(readOrganisation(data), auditActor(caller.actor));
  }
}
