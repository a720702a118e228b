import { WebSocket } from 'ws';

/** How a connection ended: the close code and reason the client received. */
export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

/** A WebSocket client for tests: what it received, and ways to wait for the next frame or the close. */
export interface TestSocket {
  /** The `ws` client itself. */
  readonly socket: WebSocket;
  /** Every text frame received so far, oldest first. */
  readonly messages: readonly string[];
  /** Sends a text frame. */
  send(data: string): void;
  /** The next frame that `next()` has not returned yet; waits for it up to `timeoutMs` (default 5,000). */
  next(timeoutMs?: number): Promise<string>;
  /** Resolves once the connection is closed, by either side. */
  readonly closed: Promise<CloseInfo>;
  /** Closes the connection (code 1000 unless given) and waits for the close to finish. */
  close(code?: number, reason?: string): Promise<CloseInfo>;
}

/** A refused handshake: `status` is the HTTP status the gateway answered with (401, 403, ...). */
export class HandshakeRefusedError extends Error {
  constructor(readonly status: number, readonly body: string) {
    super(`the WebSocket handshake was refused with ${status}${body ? `: ${body}` : ''}`);
    this.name = 'HandshakeRefusedError';
  }
}

/**
 * Opens a WebSocket connection and resolves once it is open; rejects with a
 * `HandshakeRefusedError` when the gateway refuses the handshake.
 */
export function openTestSocket(url: string, options: { headers?: Record<string, string>; protocols?: string[] } = {}): Promise<TestSocket> {
  const socket = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
  const messages: string[] = [];
  const waiting: ((message: string) => void)[] = [];
  let taken = 0;
  socket.on('message', (data, isBinary) => {
    const text = isBinary ? `<binary ${(data as Buffer).length} bytes>` : (data as Buffer).toString('utf8');
    messages.push(text);
    const waiter = waiting.shift();
    if (waiter) {
      taken++;
      waiter(text);
    }
  });
  const closed = new Promise<CloseInfo>(resolve => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
  const client: TestSocket = {
    socket,
    messages,
    send: data => socket.send(data),
    next: (timeoutMs = 5000) => {
      if (taken < messages.length) return Promise.resolve(messages[taken++]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(deliver), 1);
          reject(new Error(`no frame within ${timeoutMs} ms (received so far: ${JSON.stringify(messages)})`));
        }, timeoutMs);
        const deliver = (message: string) => {
          clearTimeout(timer);
          resolve(message);
        };
        waiting.push(deliver);
      });
    },
    closed,
    close: (code = 1000, reason) => {
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.close(code, reason);
      return closed;
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => reject(new HandshakeRefusedError(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))));
    });
    socket.once('error', reject);
  });
}
