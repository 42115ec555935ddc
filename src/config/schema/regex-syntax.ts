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

/** Cheap test for anything PCRE_ONLY could match: most regex paths have none of it. */
const MAYBE_PCRE_ONLY = /\(\?|\\[AZzGQE]|[*+?}]\+/;

export function checkRegexSyntax(re: string): { code: string; message: string } | undefined {
  if (MAYBE_PCRE_ONLY.test(re)) return pcreOnly(re) ?? compiles(re);
  return compiles(re);
}

function pcreOnly(re: string): { code: string; message: string } | undefined {
  for (const [pattern, what] of PCRE_ONLY) {
    if (pattern.test(stripEscapedBackslashes(re))) {
      return { code: 'route-regex-unsupported', message: `invalid regex: '${re}' (${what} is PCRE syntax that gatewayd's regex engine does not support)` };
    }
  }
  return undefined;
}

function compiles(re: string): { code: string; message: string } | undefined {
  try {
    new RegExp(re);
  } catch (err) {
    const reason = (err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return { code: 'route-regex-invalid', message: `invalid regex: '${re}' (${PCRE_WORDING[reason] ?? reason})` };
  }
  return undefined;
}

/** V8's syntax errors in PCRE's words, which is what Kong users see for the same mistake. */
const PCRE_WORDING: Record<string, string> = {
  'Unterminated group': 'missing closing parenthesis',
  "Unmatched ')'": 'unmatched closing parenthesis',
  'Nothing to repeat': 'quantifier does not follow a repeatable item',
  'Unterminated character class': 'missing terminating ] for character class',
  'numbers out of order in {} quantifier': 'numbers out of order in {} quantifier',
  'Range out of order in character class': 'range out of order in character class',
  '\\ at end of pattern': '\\ at end of pattern',
  'Invalid group': 'unrecognized character after (? or (?-',
  'Duplicate capture group name': 'two named subpatterns have the same name',
  'Invalid capture group name': 'syntax error in subpattern name (missing terminator?)',
  'Invalid named capture referenced': 'reference to non-existent subpattern',
};

function stripEscapedBackslashes(re: string): string {
  return re.replace(/\\\\/g, '');
}
