/**
 * The literal text that every match of an anchored route regex (`^` + the
 * path after `~`) must start with. The router files a regex path under this
 * text in its path tree, so a request only runs the regexes whose literal
 * start it shares. Conservative: it stops at the first construct it does not
 * read as one plain character, and gives '' for any pattern with a `|` (Kong
 * prepends `^` without a group, so `^/a|/b` finds `/b` anywhere).
 */
const META = new Set(['.', '^', '$', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|']);
const QUANTIFIERS = new Set(['*', '+', '?', '{']);
const WORD_CHAR = /[A-Za-z0-9]/;

export function regexLiteralPrefix(source: string): string {
  if (source.includes('|')) return '';
  let out = '';
  for (let i = 0; i < source.length; i++) {
    let ch = source[i];
    let width = 1;
    if (ch === '\\') {
      const escaped = source[i + 1];
      if (escaped === undefined || WORD_CHAR.test(escaped)) break;
      ch = escaped;
      width = 2;
    } else if (META.has(ch)) break;
    if (QUANTIFIERS.has(source[i + width])) break;
    out += ch;
    i += width - 1;
  }
  return out;
}
