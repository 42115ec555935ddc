/** gatewayd's exit statuses. */
export const EXIT = {
  ok: 0,
  /** lint found problems, or the gateway could not start on the given config */
  problems: 1,
  /** unreadable input or usage error */
  usage: 2,
} as const;

/** Issue codes that mean the input could not be read at all (exit 2, not 1). */
export const UNREADABLE_CODES = new Set(['file-unreadable', 'file-refused']);
