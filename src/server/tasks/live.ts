import type { FastifyReply, FastifyRequest } from 'fastify';
import { EventStreams, type EventStreamOptions, type PgNotificationHub } from '../platform/live/index.js';
import { previewOf, concerns, type LiveEvent } from './rules.js';

/**
 * Live notifications of messages and tasks: `pivot_tasks` (migration 0200) through the process's one LISTEN
 * connection. Each stream is one member's: it gets `tasks.new` with a preview (sender, fixed summary — rules.ts,
 * no medical content) for a new item addressed to them, and `tasks.changed` for anything else of theirs, after
 * which the web refetches the counts (audited reads go through the routes, not the stream).
 */
export const TASKS_CHANNEL = 'pivot_tasks';

export class TasksLive {
  private readonly streams: EventStreams;

  constructor(private readonly hub: PgNotificationHub, options: EventStreamOptions = {}) {
    this.streams = new EventStreams(options);
  }

  get heartbeatMs(): number {
    return this.streams.heartbeatMs;
  }

  async stream(reader: { practiceId: string; accountId: string; roles: readonly string[] }, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.hub.listen([TASKS_CHANNEL]);
    const stream = this.streams.start(req, reply);
    const unsubscribe = this.hub.subscribe(
      [TASKS_CHANNEL],
      reader.practiceId,
      (payload) => {
        const event = payload as unknown as LiveEvent;
        if (typeof event.id !== 'string' || !concerns(event, reader)) return;
        const preview = previewOf(event, reader);
        if (preview) stream.send('tasks.new', preview);
        else stream.send('tasks.changed', { kind: event.kind });
      },
      () => stream.send('tasks.changed', { kind: 'resync' }),
    );
    stream.onClose(unsubscribe);
    stream.send('ready', { heartbeatSeconds: this.heartbeatMs / 1000 });
  }

  async close(): Promise<void> {
    this.streams.endAll();
  }
}
