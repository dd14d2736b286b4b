// Live case events (text/event-stream) read with fetch, because EventSource cannot send the bearer
// token and the token must never go in the URL. When the stream drops, the screen polls until the
// stream is back, and the stream resumes after the last event seen (Last-Event-ID).

/** Splits complete events off a text buffer: { events: [{id, event, data}], rest }. */
export function parseSse(buffer) {
  const events = [];
  const normalized = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop();
  for (const block of blocks) {
    const evt = { id: null, event: 'message', data: '' };
    const data = [];
    let any = false;
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'id') evt.id = value;
      else if (field === 'event') evt.event = value;
      else continue;
      any = true;
    }
    if (any) {
      evt.data = data.join('\n');
      events.push(evt);
    }
  }
  return { events, rest };
}

export function createLiveFeed({ url, session, onEvent, onPoll, onMode = () => {}, fetchImpl = (...a) => globalThis.fetch(...a),
  pollEvery = 10000, retryAfter = (attempt) => Math.min(60000, 2000 * 2 ** attempt), timers = globalThis }) {
  let lastId = null;
  let stopped = false;
  let controller = null;
  let pollTimer = null;
  let retryTimer = null;
  let attempt = 0;

  function polling(on) {
    if (on && !pollTimer) {
      onMode('polling');
      pollTimer = timers.setInterval(() => onPoll(), pollEvery);
      onPoll();
    } else if (!on && pollTimer) {
      timers.clearInterval(pollTimer);
      pollTimer = null;
    }
  }

  async function connect() {
    if (stopped || !session.token) return;
    controller = new AbortController();
    const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${session.token}` };
    if (lastId) headers['Last-Event-ID'] = lastId;
    try {
      const res = await fetchImpl(url, { headers, signal: controller.signal });
      if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
      attempt = 0;
      polling(false);
      onMode('live');
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        const parsed = parseSse(buffer);
        buffer = parsed.rest;
        for (const evt of parsed.events) {
          if (evt.id) lastId = evt.id;
          let data = evt.data;
          try {
            data = JSON.parse(evt.data);
          } catch (e) {
            // not JSON: hand it on as text
          }
          onEvent({ id: evt.id, type: evt.event, data });
        }
      }
      throw new Error('stream ended');
    } catch (e) {
      if (stopped) return;
      polling(true);
      retryTimer = timers.setTimeout(connect, retryAfter(attempt++));
    }
  }

  return {
    start() {
      stopped = false;
      connect();
    },
    stop() {
      stopped = true;
      if (controller) controller.abort();
      polling(false);
      if (retryTimer) timers.clearTimeout(retryTimer);
    },
    get lastEventId() {
      return lastId;
    },
  };
}
