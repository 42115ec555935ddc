/**
 * Route regexes are written for PCRE (Kong's traditional router) or Rust's
 * `regex` (traditional_compatible). gatewayd runs them on V8's engine: say
 * exactly which construct does not carry over instead of failing at runtime.
 */
const PCRE_ONLY: [RegExp, string][] = [
  [/\(\?P</, "python-style named group '(?P<name>...)': write '(?<name>...)'"],
  [/\(\?P=/, "python-style back-reference '(?P=name)': write '\\k<name>'"],
  [/\(\?>/, "atomic group '(?>...)'"],
  [/\(\?[imsxU-]+\)/, "inline flags such as '(?i)'"],
  [/\(\?[imsxU-]+:/, "inline flag group such as '(?i:...)'"],
  [/\\[AZzG]/, "anchor '\\A', '\\Z', '\\z' or '\\G'"],
  [/(?<!\\)[*+?}]\+/, 'possessive quantifier'],
  [/\(\?R\)|\(\?\d+\)/, 'recursion'],
  [/\\Q|\\E/, "literal quoting '\\Q...\\E'"],
];

export function checkRegexSyntax(re: string): { code: string; message: string } | undefined {
  for (const [pattern, what] of PCRE_ONLY) {
    if (pattern.test(stripEscapedBackslashes(re))) {
      return { code: 'route-regex-unsupported', message: `invalid regex: '${re}' (${what} is PCRE syntax that gatewayd's regex engine does not support)` };
    }
  }
  try {
    new RegExp(re);
  } catch (err) {
    const reason = (err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return { code: 'route-regex-invalid', message: `invalid regex: '${re}' (${reason})` };
  }
  return undefined;
}

function stripEscapedBackslashes(re: string): string {
  return re.replace(/\\\\/g, '');
}
