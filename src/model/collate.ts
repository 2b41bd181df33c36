/**
 * Vietnamese collation for people's and units' names: "Đ" after "D", tones after the base letter,
 * "Ư" after "U", numbers in numeric order ("Tổ 2" before "Tổ 10"). Used wherever names are sorted.
 */
export const viCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

export const compareVi = (a: string, b: string): number => viCollator.compare(a, b);

/** Sorts a copy of `items` by `name(item)` with Vietnamese collation. */
export function sortByName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareVi(name(x), name(y)));
}
