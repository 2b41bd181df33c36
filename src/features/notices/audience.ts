import { t } from '../../i18n/i18n.ts';
import type { Space } from '../../model/spaces.ts';

/** "Toàn phường" for the org space, the unit's name otherwise. */
export const audienceLabel = (space: Pick<Space, 'kind' | 'title'>): string =>
  space.kind === 'org' ? t('notices.allAudience') : space.title;
