/**
 * Which forms hold input the user has not saved yet. The update prompt asks before reloading while
 * any are dirty, so a new version never throws away what someone typed.
 */
const dirty = new Set<string>();

export function setUnsaved(key: string, isDirty: boolean): void {
  if (isDirty) dirty.add(key);
  else dirty.delete(key);
}

export const hasUnsavedInput = (): boolean => dirty.size > 0;
