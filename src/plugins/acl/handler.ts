/**
 * acl (kong/plugins/acl/handler.lua, Kong 3.x): the request's groups, the
 * consumer's `acls` or the groups an authentication plugin set without a
 * consumer ("authenticated groups"), checked against `deny` (blocked when
 * in one) or `allow` (blocked unless in one). Refusals are
 * kong.response.error; on success the groups go upstream in
 * X-Consumer-Groups or X-Authenticated-Groups.
 */
import { definePlugin, type AccessResult, type LocalReply } from '../sdk.js';
import { configSchema, type Config } from './schema.js';

const FORBIDDEN: LocalReply = Object.freeze({ kind: 'error', status: 403, message: 'You cannot consume this service' });
const UNAUTHORIZED: LocalReply = Object.freeze({ kind: 'error', status: 401 });

const CONSUMER_GROUPS = 'X-Consumer-Groups';
const AUTHENTICATED_GROUPS = 'X-Authenticated-Groups';

export const acl = definePlugin({
  name: 'acl',
  priority: 950,
  configSchema,
  compile(config: Config) {
    // Kong: a non-empty deny list makes it a deny list, else the allow list applies
    const deny = config.deny !== null && config.deny !== undefined && config.deny.length > 0;
    const listed: ReadonlySet<string> = new Set(deny ? config.deny : (config.allow ?? []));
    const hide = config.hide_groups_header;
    const alwaysAuthenticated = config.always_use_authenticated_groups;
    /** consumer's groups list (from the Snapshot's directory) → header value or FORBIDDEN, as Kong caches it */
    const verdicts = new WeakMap<readonly string[], string | LocalReply>();

    const inGroup = (groups: readonly string[]) => groups.some((g) => listed.has(g));
    const verdict = (groups: readonly string[]): string | LocalReply =>
      (deny ? inGroup(groups) : !inGroup(groups)) ? FORBIDDEN : groups.join(', ');

    return {
      access(ctx): AccessResult {
        const consumer = ctx.consumer;
        const credential = ctx.credential;
        let result: string | LocalReply;
        let header: string;
        if (consumer === null) {
          const groups = ctx.authenticatedGroups;
          if (groups === null) return credential !== null ? FORBIDDEN : UNAUTHORIZED;
          result = verdict(groups);
          header = AUTHENTICATED_GROUPS;
        } else {
          // authenticated groups override an anonymous consumer's (or, when configured, any consumer's)
          const groups = credential === null || alwaysAuthenticated ? ctx.authenticatedGroups : null;
          if (groups !== null) {
            result = verdict(groups);
            header = AUTHENTICATED_GROUPS;
          } else {
            const own = ctx.consumers.groups(consumer.id);
            let cached = verdicts.get(own);
            if (cached === undefined) verdicts.set(own, (cached = verdict(own)));
            result = cached;
            header = CONSUMER_GROUPS;
          }
        }
        if (typeof result !== 'string') return result;
        if (!hide) {
          // ngx.req.set_header with '' removes the header
          if (result === '') ctx.upstream.clearHeader(header);
          else ctx.upstream.setHeader(header, result);
        }
        return undefined;
      },
    };
  },
});
