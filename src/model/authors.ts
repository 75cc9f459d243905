/**
 * Author names as the source pages show them, turned into a cautious identity.
 *
 * Names arrive in several shapes: "Ben Kirk", "M. K. Robinson", "Nakamura H", "Sing, C.W.",
 * "Dong, Yuechao", "L Joseph Melton III", or a bare surname ("Silva") from short reference
 * entries. Two names are treated as one person only when surname and all initials agree
 * ("Ben Kirk" = "Kirk B"). A bare surname is never merged with anything: it stays tied to the
 * one work it was seen on.
 */

/** A parsed author name. */
export interface ParsedAuthor {
  /** The name exactly as shown. */
  asShown: string;
  surname: string;
  /** Upper-case initials of the given names, e.g. "LJ"; empty for a bare surname. */
  initials: string;
  /** True when only a surname was shown. */
  isSurnameOnly: boolean;
}

const SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);
/** Markers of a truncated author list; they are not authors. */
const ET_AL = /^et\.?\s*al\.?$/i;

/** True for "et al." and similar markers of a truncated author list. */
export function isEtAl(name: string): boolean {
  return ET_AL.test(name.trim());
}

function initialsOf(given: string): string {
  return given
    .split(/[\s.-]+/)
    .filter((p) => p.length > 0)
    .map((p) => (/^[A-Z]{2,3}$/.test(p) ? p : p.charAt(0).toUpperCase()))
    .join('');
}

/**
 * Parses one author string. Returns null for "et al." and empty strings.
 * Never throws.
 */
export function parseAuthorName(raw: string): ParsedAuthor | null {
  const asShown = raw.trim();
  if (asShown.length === 0 || isEtAl(asShown)) return null;

  if (asShown.includes(',')) {
    // "Surname, Given" or "Surname, G.H."
    const [surname = '', ...rest] = asShown.split(',');
    const given = rest.join(' ').trim();
    return {
      asShown,
      surname: surname.trim(),
      initials: initialsOf(given),
      isSurnameOnly: given.length === 0,
    };
  }

  let tokens = asShown.split(/\s+/);
  while (tokens.length > 1 && SUFFIXES.has(tokens.at(-1)!.toLowerCase())) tokens = tokens.slice(0, -1);
  if (tokens.length === 1) {
    return { asShown, surname: tokens[0]!, initials: '', isSurnameOnly: true };
  }
  const last = tokens.at(-1)!;
  // "Nakamura H", "Achenbach SJ", "von Haehling S": trailing upper-case initials.
  if (/^[A-Z]{1,3}$/.test(last)) {
    return { asShown, surname: tokens.slice(0, -1).join(' '), initials: last, isSurnameOnly: false };
  }
  // "Dawson A.", "Greco E.A.", "Madel M-B": trailing initials written with dots or a hyphen.
  if (/^(?:[A-Z]\.?-?){1,3}$/.test(last) && /[.-]/.test(last)) {
    return {
      asShown,
      surname: tokens.slice(0, -1).join(' '),
      initials: last.replace(/[.-]/g, ''),
      isSurnameOnly: false,
    };
  }
  // "Ben Kirk", "M. K. Robinson", "Nathan K LeBrasseur": given names first.
  return {
    asShown,
    surname: last,
    initials: initialsOf(tokens.slice(0, -1).join(' ')),
    isSurnameOnly: false,
  };
}

/** Lower-case ASCII slug: diacritics removed, runs of other characters turned into "-". */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The node id of an author. Full names: `author:<surname>-<initials>`. A bare surname gets an id
 * scoped to the work it appeared on (`author:<surname>@<workId>`), so it is never merged.
 */
export function authorId(author: ParsedAuthor, workId: string): string {
  const base = slug(author.surname);
  if (author.isSurnameOnly) return `author:${base}@${workId}`;
  return `author:${base}-${author.initials.toLowerCase()}`;
}
