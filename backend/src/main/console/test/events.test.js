import { describe, expect, test, vi } from 'vitest';
import { createLiveFeed, parseSse } from '../src/lib/events.js';

function stream(chunks) {
  const encoder = new TextEncoder();
  let i = 0;
  return {
    getReader: () => ({
      read: async () => (i < chunks.length ? { value: encoder.encode(chunks[i++]), done: false } : { value: undefined, done: true }),
    }),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('server-sent events', () => {
  test('splits complete events, keeps the rest, skips comments (heartbeats)', () => {
    const { events, rest } = parseSse(': heartbeat\n\nid: 1-0\nevent: submitted\ndata: {"trackingNo":"JZ1"}\n\nid: 2-0\ndata: par');
    expect(events).toEqual([{ id: '1-0', event: 'submitted', data: '{"trackingNo":"JZ1"}' }]);
    expect(rest).toBe('id: 2-0\ndata: par');
  });

  test('joins multi-line data and reads CRLF', () => {
    expect(parseSse('data: a\r\ndata: b\r\n\r\n').events[0].data).toBe('a\nb');
  });

  test('hands events on with the bearer token, then polls when the stream drops and resumes after the last id', async () => {
    const calls = [];
    const fetchImpl = vi.fn(async (url, options) => {
      calls.push(options.headers);
      return calls.length === 1
        ? { ok: true, body: stream(['id: 7-0\nevent: moved\ndata: {"trackingNo":"JZ7","status":"DISPATCHED"}\n\n']) }
        : { ok: false, status: 503 };
    });
    const timers = { setTimeout: vi.fn(), setInterval: vi.fn(() => 1), clearInterval: vi.fn(), clearTimeout: vi.fn() };
    const events = [];
    const modes = [];
    const polls = vi.fn();
    const feed = createLiveFeed({ url: '/events', session: { token: 'T' }, fetchImpl, timers, onEvent: (e) => events.push(e),
      onPoll: polls, onMode: (m) => modes.push(m) });
    feed.start();
    await tick();
    await tick();
    expect(calls[0].Authorization).toBe('Bearer T');
    expect(events).toEqual([{ id: '7-0', type: 'moved', data: { trackingNo: 'JZ7', status: 'DISPATCHED' } }]);
    expect(modes).toEqual(['live', 'polling']);
    expect(polls).toHaveBeenCalledTimes(1);
    // the retry the feed scheduled reconnects after the last event seen
    const [retry] = timers.setTimeout.mock.calls[0];
    await retry();
    expect(calls[1]['Last-Event-ID']).toBe('7-0');
    feed.stop();
    expect(timers.clearInterval).toHaveBeenCalled();
  });
});
