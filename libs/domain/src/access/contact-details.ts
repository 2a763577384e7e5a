import type { Actor, Role } from './roles';

/** Roles that reach anyone in the bureau: they keep the organisation, or chase its work. */
const SEES_EVERY_CONTACT: readonly Role[] = ['admin', 'supervisor'];

/** Whom a contact-details decision is about: their id and unit. */
export interface ContactOwner {
  readonly id: string;
  readonly unitId: string | null;
}

/**
 * Whether the viewer may see a person's e-mail address and mobile number: administrators, the
 * supervision office, the head of the person's own unit, and the person themselves. Everyone
 * else sees names and units only.
 */
export function maySeeContactDetails(
  viewer: Pick<Actor, 'userId' | 'roles' | 'unitId'>,
  person: ContactOwner,
): boolean {
  if (viewer.userId === person.id) return true;
  if (viewer.roles.some((role) => SEES_EVERY_CONTACT.includes(role))) return true;
  return (
    viewer.roles.includes('unit_head') && viewer.unitId !== null && viewer.unitId === person.unitId
  );
}
