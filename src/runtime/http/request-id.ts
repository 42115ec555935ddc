import { randomFillSync } from 'node:crypto';

const ID_BYTES = 16; // 32 hex characters, like nginx's $request_id
const POOL_IDS = 512;

/**
 * Request ids: 16 random bytes as 32 lowercase hex characters, like
 * nginx's `$request_id` that Kong uses. Random bytes are drawn 8 KiB at a
 * time, so one id costs one hex conversion of a pooled slice.
 */
export class RequestIdSource {
  private readonly pool = Buffer.allocUnsafeSlow(ID_BYTES * POOL_IDS);
  private offset = this.pool.length;

  next(): string {
    if (this.offset === this.pool.length) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const start = this.offset;
    this.offset = start + ID_BYTES;
    return this.pool.toString('hex', start, start + ID_BYTES);
  }
}

const shared = new RequestIdSource();

/** A fresh 32-hex-character request id. */
export function newRequestId(): string {
  return shared.next();
}
