import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserCtx } from '../../src/model/roles.ts';
import { REGISTRY_SPACE, type SpaceRef, canReadSpace, dbNameOf, securityOf, spaceOfDbName, spacesOf } from '../../src/model/spaces.ts';

const staff: UserCtx = { name: 'an.nguyen', roles: ['staff', 'unit:vp'] };
const head: UserCtx = { name: 'hoa.do', roles: ['staff', 'unit:vp', 'head:vp'] };
const clerk: UserCtx = { name: 'mai.hoang', roles: ['clerk', 'unit:vp'] };
const leader: UserCtx = { name: 'lan.nguyen', roles: ['leader'] };
const appAdmin: UserCtx = { name: 'tri.nguyen', roles: ['admin', 'unit:vp'] };
const disabled: UserCtx = { name: 'x.y', roles: [] };
const UNITS = new Map([
  ['vp', 'Văn phòng'],
  ['kt', 'Kinh tế'],
]);

/** Whether `_security` admits the user as a member (what CouchDB itself would decide). */
function securityAdmits(user: UserCtx, space: SpaceRef): boolean {
  const { members } = securityOf(space);
  return members.names.includes(user.name) || members.roles.some((r) => user.roles.includes(r));
}

describe('spaces', () => {
  it('names the registry database docket-registry and parses it back', () => {
    assert.equal(dbNameOf(REGISTRY_SPACE), 'docket-registry');
    assert.deepEqual(spaceOfDbName('docket-registry'), { kind: 'registry', id: 'registry' });
    assert.equal(spaceOfDbName('docket-registry2'), null);
    assert.equal(spaceOfDbName('docket-numbering'), null);
  });

  it('round-trips every space kind through its database name', () => {
    const refs: SpaceRef[] = [
      { kind: 'org', id: 'org' },
      REGISTRY_SPACE,
      { kind: 'unit', id: 'vhxh' },
      { kind: 'personal', id: 'hoàng.mai' },
    ];
    for (const ref of refs) assert.deepEqual(spaceOfDbName(dbNameOf(ref)), ref);
  });

  it('lets clerks and leaders read the registry, and nobody else', () => {
    assert.deepEqual(securityOf(REGISTRY_SPACE).members, { names: [], roles: ['clerk', 'leader'] });
    assert.equal(canReadSpace(clerk, REGISTRY_SPACE), true);
    assert.equal(canReadSpace(leader, REGISTRY_SPACE), true);
    for (const u of [staff, head, appAdmin, disabled]) assert.equal(canReadSpace(u, REGISTRY_SPACE), false, u.name);
  });

  it('keeps canReadSpace in step with _security for every space and account', () => {
    const refs: SpaceRef[] = [{ kind: 'org', id: 'org' }, REGISTRY_SPACE, { kind: 'unit', id: 'vp' }, { kind: 'unit', id: 'kt' }];
    for (const user of [staff, head, clerk, leader, appAdmin]) {
      for (const ref of [...refs, { kind: 'personal', id: user.name } as SpaceRef, { kind: 'personal', id: 'someone' } as SpaceRef]) {
        assert.equal(canReadSpace(user, ref), securityAdmits(user, ref), `${user.name} ${dbNameOf(ref)}`);
      }
    }
  });

  it('lists the registry for clerks and leaders, after org and before units', () => {
    const dbs = (u: UserCtx) => spacesOf(u, UNITS).map(dbNameOf);
    assert.deepEqual(dbs(clerk), ['docket-org', 'docket-registry', 'docket-unit-vp', 'docket-unit-kt', 'docket-user-6d61692e686f616e67']);
    assert.deepEqual(dbs(leader)[1], 'docket-registry');
    assert.deepEqual(dbs(staff), ['docket-org', 'docket-unit-vp', 'docket-user-616e2e6e677579656e']);
    assert.ok(!dbs(head).includes('docket-registry'));
    assert.ok(!dbs(appAdmin).includes('docket-registry'));
    assert.deepEqual(spacesOf(disabled, UNITS), []);
  });
});
