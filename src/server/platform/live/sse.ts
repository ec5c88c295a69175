import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Server-sent event streams on a hijacked Fastify reply: headers that keep proxies from buffering, the client's
 * reconnection delay (`retry:`), a heartbeat comment that keeps the connection alive, a maximum lifetime (the
 * browser's EventSource then reconnects, which re-checks the session), and cleanup however the stream ends.
 */
export interface EventStreamOptions {
  /** Comment line sent to keep proxies and the connection alive (default 15 s). */
  heartbeatMs?: number;
  /** The stream is closed after this long; EventSource reconnects, which re-checks the session (default 10 min). */
  maxStreamMs?: number;
  /** Reconnection delay announced to the browser (default 3 s). */
  retryMs?: number;
}

export interface EventStream {
  /** Sends one event with an increasing id; ignored once the stream ended. */
  send(event: string, data: unknown): void;
  /** Runs `fn` once when the stream ends (client gone, lifetime reached, server closing); at once if it already has. */
  onClose(fn: () => void): void;
  end(): void;
}

/** One SSE message. `data` is JSON on one line. */
export function sseMessage(event: string, data: unknown, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Takes the reply over and opens the stream. */
export function openEventStream(req: FastifyRequest, reply: FastifyReply, options: EventStreamOptions = {}): EventStream {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no', // nginx: do not buffer the stream
  });
  res.write(`retry: ${options.retryMs ?? 3000}\n\n`);
  let seq = 0;
  const heartbeat = setInterval(() => {
    if (!res.writableEnded) res.write(': ping\n\n');
  }, options.heartbeatMs ?? 15_000);
  const lifetime = setTimeout(() => res.end(), options.maxStreamMs ?? 10 * 60_000);
  const closers: (() => void)[] = [];
  let closed = false;
  const cleanup = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    for (const fn of closers.splice(0)) fn();
  };
  res.on('close', cleanup);
  req.raw.on('close', cleanup);
  return {
    send(event, data) {
      if (!res.writableEnded) res.write(sseMessage(event, data, ++seq));
    },
    onClose(fn) {
      if (closed) fn();
      else closers.push(fn);
    },
    end: () => res.end(),
  };
}

/**
 * The open streams of one capability: their common settings, their count, and ending them all at shutdown
 * (before the HTTP server waits for open connections, which a stream would hold forever).
 */
export class EventStreams {
  readonly heartbeatMs: number;
  readonly maxStreamMs: number;
  private readonly open = new Set<ServerResponse>();

  constructor(options: EventStreamOptions = {}) {
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.maxStreamMs = options.maxStreamMs ?? 10 * 60_000;
  }

  /** Opens a tracked stream on this request. */
  start(req: FastifyRequest, reply: FastifyReply): EventStream {
    const stream = openEventStream(req, reply, { heartbeatMs: this.heartbeatMs, maxStreamMs: this.maxStreamMs });
    const res = reply.raw;
    this.open.add(res);
    stream.onClose(() => this.open.delete(res));
    return stream;
  }

  /** Number of open streams (tests, health). */
  get size(): number {
    return this.open.size;
  }

  endAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
