import { randomBytes } from 'crypto';

/** Random bytes drawn in blocks: ids are made on every request and message. */
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/**
 * An id as API Gateway makes them for requests and WebSocket connections: 11 random bytes in
 * base64 with `-` and `_` for `+` and `/` (as in `JC1dgf9yoAMCK-g=` [obs]), 16 characters ending
 * with `=`. Safe in a URL path, as connection ids are in the @connections API's.
 */
export function gatewayId(): string {
  if (randomOffset + 11 > randomPool.length) {
    randomPool = randomBytes(11 * 512);
    randomOffset = 0;
  }
  randomOffset += 11;
  return `${randomPool.toString('base64url', randomOffset - 11, randomOffset)}=`;
}
