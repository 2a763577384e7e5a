import { Injectable } from '@nestjs/common';
import {
  DomainException,
  DomainExceptionCode,
  hasPermission,
  responsibilityProblem,
  type ItemResponsibility,
} from '@duban/domain';
import { OrgRepository } from '@duban/persistence';

function invalid(field: string, message: string, messageEn: string): DomainException {
  return new DomainException(DomainExceptionCode.InvalidInput, message, { field, messageEn });
}

/**
 * Checks a responsibility against the organisation before anything stores it or sends it to a
 * workflow (which cannot look units up itself): units exist, the leader leads, the responsible
 * person works in the lead unit or a co-unit.
 */
@Injectable()
export class ResponsibilityValidator {
  constructor(private readonly org: OrgRepository) {}

  async assert(
    responsibility: ItemResponsibility & { readonly responsibleId?: string | null },
  ): Promise<void> {
    const problem = responsibilityProblem(responsibility);
    if (problem) throw invalid(problem.field, problem.message, problem.messageEn);
    const { leadUnitId, coUnitIds, leaderId, responsibleId = null } = responsibility;
    const known = new Set((await this.org.listUnits()).map((unit) => unit.id));
    if (leadUnitId !== null && !known.has(leadUnitId)) {
      throw invalid('leadUnitId', '牵头单位不存在', 'no such lead unit');
    }
    if (coUnitIds.some((id) => !known.has(id))) {
      throw invalid('coUnitIds', '配合单位不存在', 'no such co-unit');
    }
    if (leaderId !== null) {
      const leader = await this.org.actorOf(leaderId);
      if (!leader || !hasPermission(leader, 'item:approve')) {
        throw invalid(
          'leaderId',
          '分管领导必须是在职的领导',
          'the leader must be an active leader',
        );
      }
    }
    if (responsibleId !== null) {
      const person = await this.org.actorOf(responsibleId);
      const units = [leadUnitId, ...coUnitIds];
      if (!person || person.unitId === null || !units.includes(person.unitId)) {
        throw invalid(
          'responsibleId',
          '责任人必须是牵头单位或配合单位的在职人员',
          'the responsible person must work in the lead unit or a co-unit',
        );
      }
    }
  }
}
