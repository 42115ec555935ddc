/**
 * bot-detection (kong/plugins/bot-detection/handler.lua), access phase. No
 * User-Agent: pass. More than one: error 400. Otherwise the trimmed value is
 * searched with the `allow` regexes (match: pass), then `deny` and the
 * built-in bot list (match: error 403, `Forbidden`). Verdicts are cached
 * per plugin instance, as Kong does (LRU of 10^4 entries per config).
 */
import { definePlugin, type LocalReply } from '../sdk.js';
import { BOT_RULES } from './rules.js';
import { configSchema } from './schema.js';

const CACHE_SIZE = 10_000;

const ONE_UA_ONLY: LocalReply = Object.freeze({ kind: 'error', status: 400, message: 'Only one User-Agent header allowed' });
const FORBIDDEN: LocalReply = Object.freeze({ kind: 'error', status: 403 });

/** pl.stringx / kong.tools.utils strip: Lua's %s (space, \t, \n, \v, \f, \r) at both ends. */
const strip = (s: string): string => s.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');

/** A config regex as ngx.re.find runs it ("jo": unanchored, case-sensitive); null if V8 cannot compile it. */
function compile(source: string): RegExp | null {
  try {
    return new RegExp(source);
  } catch {
    return null;
  }
}

export const botDetection = definePlugin({
  name: 'bot-detection',
  priority: 2500,
  configSchema,
  compile(config) {
    const allow = (config.allow ?? []).map(compile).filter((r): r is RegExp => r !== null);
    const deny = (config.deny ?? []).map(compile).filter((r): r is RegExp => r !== null);
    /** user agent → blocked? (Kong: MATCH_DENY / MATCH_BOT block, MATCH_ALLOW / MATCH_EMPTY pass) */
    const verdicts = new Map<string, boolean>();

    const blocked = (ua: string): boolean => {
      const subject = strip(ua);
      for (const re of allow) if (re.test(subject)) return false;
      for (const re of deny) if (re.test(subject)) return true;
      for (const re of BOT_RULES) if (re.test(subject)) return true;
      return false;
    };

    return {
      access(ctx) {
        const values = ctx.request.headerValues('user-agent');
        if (values.length === 0) return undefined;
        if (values.length > 1) return ONE_UA_ONLY;
        const ua = values[0];
        let verdict = verdicts.get(ua);
        if (verdict === undefined) {
          verdict = blocked(ua);
          if (verdicts.size >= CACHE_SIZE) verdicts.clear();
          verdicts.set(ua, verdict);
        }
        return verdict ? FORBIDDEN : undefined;
      },
    };
  },
});
