/**
 * ip-restriction (kong/plugins/ip-restriction/handler.lua), HTTP access phase:
 * the client address is checked against `deny` first, then, when `allow` is
 * non-empty, it must be in `allow`. A refusal is kong.response.error with
 * the configured status (403) and message (`IP address not allowed: <ip>`).
 */
import { BlockList, isIP } from 'node:net';
import { definePlugin, type LocalReply } from '../sdk.js';
import { configSchema } from './schema.js';

/**
 * A list of IPs and CIDRs, matched like lua-resty-ipmatcher: an IPv4 client
 * only against the IPv4 entries, an IPv6 client only against the IPv6 ones.
 */
export interface IpMatcher {
  matches(ip: string): boolean;
}

export function ipMatcher(entries: readonly string[]): IpMatcher {
  const v4 = new BlockList();
  const v6 = new BlockList();
  let has4 = false;
  let has6 = false;
  for (const entry of entries) {
    const [ip, bits] = entry.split('/');
    const family = isIP(ip);
    if (family === 4) has4 = true;
    else if (family === 6) has6 = true;
    else continue;
    const list = family === 4 ? v4 : v6;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  return {
    matches(ip: string): boolean {
      const family = isIP(ip);
      if (family === 4) return has4 && v4.check(ip, 'ipv4');
      if (family === 6) return has6 && v6.check(ip, 'ipv6');
      return false;
    },
  };
}

const NO_CLIENT_IP = 'Cannot identify the client IP address, unix domain sockets are not supported.';

export const ipRestriction = definePlugin({
  name: 'ip-restriction',
  priority: 990,
  configSchema,
  compile(config) {
    const deny = config.deny && config.deny.length > 0 ? ipMatcher(config.deny) : null;
    const allow = config.allow && config.allow.length > 0 ? ipMatcher(config.allow) : null;
    const status = config.status ?? 403;
    const message = config.message ?? null;
    const refuse = (ip: string): LocalReply => ({ kind: 'error', status, message: message ?? `IP address not allowed: ${ip}` });
    return {
      access(ctx) {
        const ip = ctx.request.clientIp;
        if (ip === '') return { kind: 'error', status: 403, message: NO_CLIENT_IP };
        if (deny !== null && deny.matches(ip)) return refuse(ip);
        if (allow !== null && !allow.matches(ip)) return refuse(ip);
        return undefined;
      },
    };
  },
});
