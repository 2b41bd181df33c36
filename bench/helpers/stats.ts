// Small statistics for repeated measurements.

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const min = (values: readonly number[]): number => Math.min(...values);
export const max = (values: readonly number[]): number => Math.max(...values);

/** `1,234 ms (min 1,100, max 1,400, n 5)`-style note. */
export function spread(values: readonly number[], unit = 'ms'): string {
  const f = (v: number) => Math.round(v).toLocaleString('en-US');
  return values.length > 1 ? `min ${f(min(values))}, max ${f(max(values))} ${unit}, n ${values.length}` : 'n 1';
}
