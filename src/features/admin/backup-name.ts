/**
 * A backup's file name inside a sentence: isolated left to right (LRI … PDI), so in Arabic text its
 * hyphens and dots keep their order instead of the pieces swapping places around the words.
 */
export const fileNameInText = (name: string): string => `\u2066${name}\u2069`;
