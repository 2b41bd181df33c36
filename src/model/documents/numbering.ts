/**
 * Arrival numbers (số đến) and number/symbols (số, ký hiệu) of Decree 30/2020: formatting, registry books,
 * the numbering year, parsing a printed number/symbol, and the duplicate key used to warn before registering
 * the same document twice. Allocation itself is the server's job (docs/decisions/0001).
 */
import { isValidDay, wardDayOfInstant, yearOfDay } from './dates.ts';
import { type Confidentiality, type DocumentKind, DOCUMENT_KINDS, type RegistryBook, isConfidential } from './types.ts';

/** Numbers below 10 are written with a leading zero (`01` … `09`, then `10`, `120`). */
export function padNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Document numbers start at 1: ${n}`);
  return n < 10 ? `0${n}` : String(n);
}

/** Số đến as shown and printed in the incoming register: `05`, `1234`. */
export const formatArrivalNumber = (n: number): string => padNumber(n);

export interface NumberSymbolParts {
  number: number;
  kind: DocumentKind;
  /** Abbreviation of the issuing body, e.g. `UBND`. */
  issuer: string;
  /** Drafting unit, e.g. `VP`: required for công văn, ignored otherwise. */
  unit?: string;
}

/**
 * Số, ký hiệu of an outgoing document: `05/QĐ-UBND` (`<nn>/<TYPE>-<ISSUER>`), or for công văn, which has no
 * type abbreviation, `120/UBND-VP` (`<nn>/<ISSUER>-<UNIT>`).
 */
export function formatNumberSymbol(p: NumberSymbolParts): string {
  const nn = padNumber(p.number);
  const issuer = p.issuer.trim();
  if (!issuer) throw new RangeError('An issuer abbreviation is required.');
  if (p.kind === 'congVan') {
    const unit = (p.unit ?? '').trim();
    if (!unit) throw new RangeError('A công văn symbol needs the drafting unit.');
    return `${nn}/${issuer}-${unit}`;
  }
  return `${nn}/${DOCUMENT_KINDS[p.kind].abbr}-${issuer}`;
}

/** The registry book a document is numbered in: confidential documents have their own series. */
export function bookFor(direction: 'incoming' | 'outgoing', confidentiality: Confidentiality): RegistryBook {
  const secret = isConfidential(confidentiality);
  if (direction === 'incoming') return secret ? 'incomingConfidential' : 'incoming';
  return secret ? 'outgoingConfidential' : 'outgoing';
}

/**
 * The numbering year: the year of the ward-local day. Takes a `YYYY-MM-DD` day or an ISO-8601 instant
 * (`2026-12-31T18:00:00Z` is already 1 January 2027 in the ward, so it belongs to 2027's series).
 */
export function numberingYear(dayOrInstant: string): number {
  return yearOfDay(isValidDay(dayOrInstant) ? dayOrInstant : wardDayOfInstant(dayOrInstant));
}

/** A printed number/symbol taken apart. */
export interface ParsedNumberSymbol {
  number: number;
  /** Year, for symbols that carry one (`15/2024/NĐ-CP`). */
  year?: number;
  /** Everything after the number (and year), as printed, e.g. `QĐ-UBND`. */
  symbol: string;
  /** `symbol` split on `-`. */
  parts: string[];
  /** The document kind when the first part is a known abbreviation (compared without diacritics). */
  kind?: DocumentKind;
}

const KINDS_WITH_ABBR = (Object.keys(DOCUMENT_KINDS) as DocumentKind[]).filter((k) => DOCUMENT_KINDS[k].abbr);
/** Abbreviations as written (upper case): `HD` is Hướng dẫn, `HĐ` Hợp đồng. */
const EXACT_ABBR = new Map<string, DocumentKind>(KINDS_WITH_ABBR.map((k) => [DOCUMENT_KINDS[k].abbr.toUpperCase(), k]));
/** Typed without diacritics (`QD` for `QĐ`): only where that is unambiguous (`HD` is not). */
const FOLDED_ABBR = new Map<string, DocumentKind>();
{
  const seen = new Map<string, number>();
  for (const k of KINDS_WITH_ABBR) seen.set(foldAbbr(DOCUMENT_KINDS[k].abbr), (seen.get(foldAbbr(DOCUMENT_KINDS[k].abbr)) ?? 0) + 1);
  for (const k of KINDS_WITH_ABBR)
    if (seen.get(foldAbbr(DOCUMENT_KINDS[k].abbr)) === 1) FOLDED_ABBR.set(foldAbbr(DOCUMENT_KINDS[k].abbr), k);
}

function foldAbbr(s: string): string {
  return foldVietnamese(s).toUpperCase();
}

/** The document kind an abbreviation names, if any (`QĐ`, `qđ`, `QD` → quyetDinh). */
export function kindOfAbbreviation(abbr: string): DocumentKind | undefined {
  return EXACT_ABBR.get(abbr.normalize('NFC').toUpperCase()) ?? FOLDED_ABBR.get(foldAbbr(abbr));
}

/**
 * Parses `15/QĐ-UBND`, `Số: 05/QĐ-UBND`, `120/UBND-VP`, `15/2024/NĐ-CP`, `15 / QĐ - UBND`. Returns null for
 * text that is not a number/symbol. `kind` is left unset for công văn-style symbols, whose first part is the
 * issuer (the caller knows the type from the form).
 */
export function parseNumberSymbol(text: string): ParsedNumberSymbol | null {
  const cleaned = text
    .normalize('NFC')
    .trim()
    .replace(/^s[ốo]\s*:?\s*/i, '')
    .replace(/\s*([/-])\s*/g, '$1')
    .replace(/\s+/g, ' ');
  const m = /^0*(\d{1,6})\/(?:(\d{4})\/)?([^\s/]+(?:-[^\s/]+)*)$/u.exec(cleaned);
  if (!m) return null;
  const number = Number(m[1]);
  if (number < 1) return null;
  const symbol = m[3]!;
  const parts = symbol.split('-').filter(Boolean);
  if (parts.length === 0 || !parts.every((p) => /^[\p{L}\p{N}.&]+$/u.test(p))) return null;
  const result: ParsedNumberSymbol = { number, symbol, parts };
  if (m[2]) result.year = Number(m[2]);
  const kind = kindOfAbbreviation(parts[0]!);
  if (kind && parts.length > 1) result.kind = kind;
  return result;
}

/** Lower case without Vietnamese diacritics, `đ` → `d`: "Quyết định" → "quyet dinh". */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Common abbreviations of issuing bodies, expanded so "UBND quận 1" and "Ủy ban nhân dân Quận 1" match. */
const BODY_ABBREVIATIONS: [RegExp, string][] = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\btp\b\.?/g, 'thanh pho'],
];

/** Issuing body folded for comparison: case, diacritics, `đ`, punctuation, spaces and common abbreviations. */
export function normaliseIssuingBody(body: string): string {
  let s = foldVietnamese(body)
    .replace(/[.,;:()"'“”]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [re, full] of BODY_ABBREVIATIONS) s = s.replace(re, full);
  return s.replace(/\s+/g, ' ').trim();
}

/** Number/symbol folded for comparison: `Số: 05/QĐ-UBND` and `5/qd - ubnd` give `5/qd-ubnd`. */
export function normaliseNumberSymbol(numberSymbol: string): string {
  const parsed = parseNumberSymbol(numberSymbol);
  if (!parsed) return foldVietnamese(numberSymbol).replace(/\s+/g, '');
  const year = parsed.year ? `${parsed.year}/` : '';
  return `${parsed.number}/${year}${foldVietnamese(parsed.parts.join('-'))}`;
}

/**
 * Key for the duplicate warning at registration: same issuing body + number/symbol + date of issue. Equal keys
 * mean "probably the same document" (the clerk is warned, not stopped: a body may resend a document).
 */
export function duplicateKey(issuingBody: string, numberSymbol: string, issuedOn: string): string {
  return `${normaliseIssuingBody(issuingBody)}|${normaliseNumberSymbol(numberSymbol)}|${issuedOn.trim()}`;
}
