import type { MeResponse } from '../../src/model/api.ts';
import { destroySpaceDb } from '../../src/data/db.ts';

let counter = 0;

/** A fresh account with its own uniquely named local databases (destroy them with `destroyMe`). */
export function testMe(roles: string[] = ['leader'], units: string[] = ['vp']): MeResponse {
  const name = `t${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    name,
    displayName: 'Nguyễn Văn An',
    roles: [...roles, ...units.map((u) => `unit:${u}`)],
    units,
    spaces: [
      { kind: 'org', id: 'org', title: 'UBND phường', db: 'docket-org' },
      ...units.map((u) => ({ kind: 'unit' as const, id: u, title: `Đơn vị ${u}`, db: `docket-unit-${u}` })),
      { kind: 'personal', id: name, title: 'Cá nhân', db: `docket-user-${name}` },
    ],
  };
}

export async function destroyMe(me: MeResponse): Promise<void> {
  for (const space of me.spaces) await destroySpaceDb(me, space);
}
