import { customStr, entityBase, int, num, opt } from './typedefs.js';
import { foreignKey } from './foreign-key.js';
import { formatHost, isParseError, normalizeIp } from './host-port.js';

/** Port Kong gives a target written without one. */
export const DEFAULT_TARGET_PORT = 8000;

/**
 * Kong's target format (DAO `format_target`): `host:port`, ipv4 without
 * leading zeros, `[ipv6]:port` fully expanded, port 8000 when none is given.
 * Returns undefined for an invalid target.
 */
export function formatTarget(target: string): string | undefined {
  const p = normalizeIp(target);
  return isParseError(p) ? undefined : formatHost(p, DEFAULT_TARGET_PORT);
}

const target = () =>
  customStr((t) => (formatTarget(t) === undefined ? `Invalid target ('${t}'); not a valid hostname or ip address` : undefined))
    .transform((t) => formatTarget(t) ?? t);

/** Kong `targets` entity. Timestamps are float seconds (ms precision). */
export const targetFields = {
  ...entityBase,
  created_at: opt(num()),
  upstream: opt(foreignKey()),
  target: target(),
  weight: int(0, 65535).default(100),
};
