import type { BaseDoc } from './doc.ts';
import type { BaseRole } from './roles.ts';

/**
 * Directory entries live in the org space and are written only by the server (setup, admin CLI).
 * Unlike event-like documents their `_id` is their natural key (`unit:<unitId>`, `person:<name>`),
 * so that setup is idempotent and every device finds a person without a query.
 */
export interface UnitDoc extends BaseDoc {
  type: 'unit';
  unitId: string;
  /** Full Vietnamese name, e.g. "Văn phòng HĐND – UBND". */
  name: string;
  /** Short form used in symbols and chips, e.g. "VP". */
  shortName: string;
  order: number;
}

export interface PersonDoc extends BaseDoc {
  type: 'person';
  name: string;
  displayName: string;
  /** Position title, e.g. "Phó Chủ tịch UBND phường". */
  title: string;
  role: BaseRole;
  unitId?: string;
  isHead: boolean;
  disabled: boolean;
}

export const unitDocId = (unitId: string): string => `unit:${unitId}`;
export const personDocId = (name: string): string => `person:${name}`;
