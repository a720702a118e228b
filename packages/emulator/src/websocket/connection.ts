import { isUtf8 } from 'buffer';
import type { WebSocket } from 'ws';
import type { ApiModel, StageModel } from '../assembly/model';
import type { ConnectionInfo } from './events';

/** How long connections may last and stay idle. */
export interface ConnectionLimits {
  /** Closed after this long without a message either way [doc: 10 minutes]. */
  readonly idleTimeoutMs: number;
  /** Closed after this long, whatever the traffic [doc: 2 hours]. */
  readonly maxDurationMs: number;
}

/** Close code 1001 "going away", sent on the idle and duration limits [unverified: the code]. */
export const GOING_AWAY = 1001;

/**
 * An open WebSocket connection: its socket, what its events carry, and its limits. Messages in
 * either direction keep it alive; pings and pongs do not [obs: andyrichardson/subscriptionless#3].
 */
export class Connection implements ConnectionInfo {
  lastActiveAt: number;
  /** Set once the gateway or the client starts closing: messages after that are dropped. */
  closing = false;
  /** The close code and reason the gateway sent, when it closed the connection. */
  closedWith?: { readonly code: number; readonly reason: string; readonly disconnectReason: string };
  private readonly idleTimer: NodeJS.Timeout;
  private readonly durationTimer: NodeJS.Timeout;

  constructor(
    readonly id: string,
    readonly socket: WebSocket,
    readonly api: ApiModel,
    readonly stage: StageModel,
    readonly connectedAt: number,
    readonly sourceIp: string,
    readonly userAgent: string | undefined,
    readonly domainName: string,
    readonly authorizer: Record<string, string> | undefined,
    limits: ConnectionLimits,
    private readonly clock: () => number,
  ) {
    this.lastActiveAt = connectedAt;
    this.idleTimer = setTimeout(() => this.close(GOING_AWAY, 'Going away', 'Idle timeout'), limits.idleTimeoutMs);
    this.durationTimer = setTimeout(() => this.close(GOING_AWAY, 'Going away', 'Maximum connection duration reached'), limits.maxDurationMs);
    this.idleTimer.unref();
    this.durationTimer.unref();
  }

  /** A message went in or out (at `time`, epoch ms): the idle timer starts again. */
  touch(time = this.clock()): void {
    this.lastActiveAt = time;
    this.idleTimer.refresh();
  }

  /** Sends a frame: text when the data is UTF-8 text, binary otherwise. */
  send(data: string | Buffer): void {
    if (this.closing) return;
    if (typeof data === 'string') this.socket.send(data);
    else this.socket.send(data, { binary: !isUtf8(data) });
    this.touch();
  }

  /** The gateway closes the connection; `disconnectReason` is what `$disconnect` reports. */
  close(code: number, reason: string, disconnectReason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.closedWith = { code, reason, disconnectReason };
    this.stopTimers();
    this.socket.close(code, reason);
  }

  stopTimers(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.durationTimer);
  }
}
