import { resolveRecipients, type OrgSnapshot } from './recipients';

const org: OrgSnapshot = {
  units: [
    { id: 'elderly', headId: 'head' },
    { id: 'child', headId: 'child-head' },
  ],
  people: [
    { id: 'head', roles: ['unit_head'], chargeUnitIds: [], active: true },
    { id: 'child-head', roles: ['unit_head'], chargeUnitIds: [], active: true },
    { id: 'child-staff', roles: ['staff'], chargeUnitIds: [], active: true },
    { id: 'staff', roles: ['staff'], chargeUnitIds: [], active: true },
    { id: 'leader', roles: ['leader'], chargeUnitIds: ['elderly'], active: true },
    { id: 'named', roles: ['leader'], chargeUnitIds: [], active: true },
    { id: 'boss', roles: ['principal_leader'], chargeUnitIds: [], active: true },
    { id: 'sup', roles: ['supervisor'], chargeUnitIds: [], active: true },
    { id: 'gone', roles: ['supervisor'], chargeUnitIds: [], active: false },
  ],
};
const item = { leadUnitId: 'elderly', coUnitIds: [], leaderId: null, responsibleId: 'staff' };

describe('resolving notice recipients', () => {
  it('finds the people behind each role, once each, skipping inactive people', () => {
    expect(resolveRecipients(['responsible', 'unit_head'], item, org)).toEqual([
      { personId: 'staff', as: 'responsible' },
      { personId: 'head', as: 'unit_head' },
    ]);
    expect(resolveRecipients(['principal_leader', 'supervisor'], item, org)).toEqual([
      { personId: 'boss', as: 'principal_leader' },
      { personId: 'sup', as: 'supervisor' },
    ]);
  });

  it('asks the leader in charge of the lead unit, unless the item names one', () => {
    expect(resolveRecipients(['leader'], item, org)).toEqual([
      { personId: 'leader', as: 'leader' },
    ]);
    expect(resolveRecipients(['leader'], { ...item, leaderId: 'named' }, org)).toEqual([
      { personId: 'named', as: 'leader' },
    ]);
  });

  it('falls back to the unit head when nobody is responsible, without telling them twice', () => {
    expect(
      resolveRecipients(['responsible', 'unit_head'], { ...item, responsibleId: null }, org),
    ).toEqual([{ personId: 'head', as: 'responsible' }]);
  });

  it('tells the co-units through their heads', () => {
    expect(resolveRecipients(['co_unit_head'], { ...item, coUnitIds: ['child'] }, org)).toEqual([
      { personId: 'child-head', as: 'co_unit_head' },
    ]);
    expect(resolveRecipients(['co_unit_head'], item, org)).toEqual([]);
  });

  it('tells whoever asked first, once, even when a role names them too', () => {
    expect(resolveRecipients(['responsible'], item, org, ['child-staff'])).toEqual([
      { personId: 'child-staff', as: 'requester' },
      { personId: 'staff', as: 'responsible' },
    ]);
    expect(resolveRecipients(['responsible'], item, org, ['staff', 'gone'])).toEqual([
      { personId: 'staff', as: 'requester' },
    ]);
  });
});
