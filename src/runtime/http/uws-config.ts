import uWS from 'uWebSockets.js';

/**
 * Process-wide uWS settings for Kong-compatible output: stop uWS from
 * adding its `uWebSockets: 20` header to every response ("silent" mode).
 * Idempotent; call before serving (the listener does, tests do).
 */
export function configureUws(): void {
  uWS._cfg('silent');
}
