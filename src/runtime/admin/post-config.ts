import type { HttpResponse, HttpRequest } from 'uWebSockets.js';
import type { SourceFile } from '../../config/source/read-sources.js';
import { decodeSource, MAX_CONFIG_BYTES } from '../../config/source/read-sources.js';

export const ADMIN_CONFIG_PATH = '<POST /config>';

/** Set when the client went away: the response must not be touched any more (uWS throws). */
export interface AbortState {
  aborted: boolean;
}

/**
 * Read a `POST /config` body (bounded) and turn it into a source document:
 * the configuration itself as YAML or JSON, or Kong's `{ "config": "<text>" }`
 * wrapper. Resolves undefined when the client went away; `state.aborted`
 * stays true from then on (also after the body was read).
 */
export function readConfigBody(res: HttpResponse, req: HttpRequest, state: AbortState): Promise<{ file?: SourceFile; error?: { status: number; message: string } } | undefined> {
  const contentType = req.getHeader('content-type');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    res.onAborted(() => {
      state.aborted = true;
      done = true;
      resolve(undefined);
    });
    res.onData((chunk, isLast) => {
      if (done) return;
      size += chunk.byteLength;
      if (size > MAX_CONFIG_BYTES) {
        done = true;
        return resolve({ error: { status: 413, message: 'configuration too large' } });
      }
      chunks.push(Buffer.from(chunk.slice(0)));
      if (isLast) {
        done = true;
        resolve(toSource(Buffer.concat(chunks), contentType));
      }
    });
  });
}

function toSource(body: Buffer, contentType: string): { file?: SourceFile; error?: { status: number; message: string } } {
  if (body.length === 0) return { error: { status: 400, message: 'expected a declarative configuration' } };
  const decoded = decodeSource(ADMIN_CONFIG_PATH, body);
  if ('issue' in decoded) return { error: { status: 400, message: decoded.issue.message } };
  const file = decoded.file;
  const json = contentType.includes('json') || /^\s*\{/.test(file.text);
  if (json) {
    try {
      const parsed = JSON.parse(file.text) as unknown;
      if (parsed && typeof parsed === 'object' && !('_format_version' in parsed) && typeof (parsed as { config?: unknown }).config === 'string') {
        const inner = (parsed as { config: string }).config;
        return { file: { path: ADMIN_CONFIG_PATH, text: inner, format: /^\s*\{/.test(inner) ? 'json' : 'yaml' } };
      }
    } catch {
      // not JSON after all: validated as YAML below, which reports the syntax error
    }
  }
  return { file: { ...file, format: json ? 'json' : 'yaml' } };
}
