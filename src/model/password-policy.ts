/**
 * The password policy, the same in the browser (inline messages) and on the server (the refusal):
 * long enough, not one of the passwords people pick first, not the account name.
 */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsName';

/**
 * Passwords tried first by anyone guessing, from published leak statistics, with the Vietnamese
 * favourites (matkhau, anhyeuem, …). Compared without case, spaces, punctuation and diacritics.
 */
const COMMON = new Set(
  [
    '12345678',
    '123456789',
    '1234567890',
    '0123456789',
    '87654321',
    '11111111',
    '00000000',
    '88888888',
    '66666666',
    '12341234',
    '11223344',
    '12121212',
    '1q2w3e4r',
    '1qaz2wsx',
    'qwertyui',
    'qwerty123',
    'qwertyuiop',
    'asdfghjk',
    'zxcvbnm1',
    'password',
    'password1',
    'password123',
    'passw0rd',
    'p@ssw0rd',
    'iloveyou',
    'abc12345',
    'abcd1234',
    'aa123456',
    'admin123',
    'administrator',
    'welcome1',
    'letmein1',
    'sunshine',
    'princess',
    'football',
    'baseball',
    'dragon12',
    'monkey12',
    'superman',
    'trustno1',
    'matkhau',
    'matkhau1',
    'matkhau123',
    'matkhaumoi',
    'anhyeuem',
    'anhyeuem1',
    'emyeuanh',
    'yeuemnhieu',
    'vietnam1',
    'vietnam123',
    'hanoi123',
    'saigon123',
    'docket123',
    'ubndphuong',
    'ubnd1234',
    'phuong123',
    'congchuc',
    'canbo123',
    'changeme',
    'changeme1',
    'default1',
    'test1234',
    'khongbiet',
    'zaq12wsx',
    'qazwsxedc',
    'q1w2e3r4',
    'a1b2c3d4',
    '1a2b3c4d',
    'abcdefgh',
    'abcdef12',
    '123qweasd',
    '123abc456',
    '147258369',
    '123654789',
    '159753123',
    '789456123',
    '963852741',
  ].map((p) => normalise(p)),
);

function normalise(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** What is wrong with `password` for account `name`, or null when it is acceptable. */
export function passwordProblem(password: string, name = ''): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong';
  const folded = normalise(password);
  if (COMMON.has(folded) || /^(.)\1+$/.test(folded) || /^(?:0123456789|1234567890|9876543210)+$/.test(folded)) return 'common';
  const base = normalise(name);
  if (base.length >= 3 && folded.includes(base)) return 'containsName';
  for (const part of name.split(/[._-]/).map(normalise)) if (part.length >= 4 && folded === part) return 'containsName';
  return null;
}

/** An English sentence for server errors and the CLI (the app shows its own catalog's message). */
export function describePasswordProblem(problem: PasswordProblem): string {
  switch (problem) {
    case 'tooShort':
      return `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`;
    case 'tooLong':
      return `Password must be at most ${MAX_PASSWORD_LENGTH} characters.`;
    case 'common':
      return 'This password is among the most common ones; choose another.';
    case 'containsName':
      return 'The password must not contain the account name.';
  }
}
