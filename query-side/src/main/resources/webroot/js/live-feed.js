// The /live WebSocket: token as subprotocols (browsers cannot set headers on a WebSocket), reconnect with
// backoff, and a watchdog that reconnects when neither data nor heartbeats arrive for too long.
const decoder = new TextDecoder();

export class LiveFeed {
  constructor(tenant, token, { onMessage, onState, onExpired }) {
    this.url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/tenants/${encodeURIComponent(tenant)}/live`;
    this.token = token;
    this.onMessage = onMessage;
    this.onState = onState;
    this.onExpired = onExpired;
    this.attempt = 0;
    this.stopped = false;
    this.quietLimitMs = 45000;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.watchdog);
    if (this.ws) this.ws.close(1000, 'leaving');
  }

  connect() {
    this.onState('connecting');
    const ws = new WebSocket(this.url, ['bearer', this.token]);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onmessage = event => {
      this.attempt = 0;
      this.kick();
      const message = JSON.parse(typeof event.data === 'string' ? event.data : decoder.decode(event.data));
      if (message.type === 'heartbeat') {
        this.quietLimitMs = Math.max(10000, message.intervalMs * 3);
      }
      if (message.type === 'snapshot') this.onState('live');
      this.onMessage(message);
    };
    ws.onclose = event => {
      clearTimeout(this.watchdog);
      if (this.stopped || ws !== this.ws) return;
      if (event.code === 4401) {
        this.onState('offline');
        this.onExpired();
        return;
      }
      this.onState('connecting');
      const delay = Math.min(15000, 500 * 2 ** this.attempt++) * (0.75 + Math.random() / 2);
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
  }

  /** Ask for a fresh snapshot (after the page was hidden, say). */
  resync() {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ type: 'resync' }));
  }

  kick() {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.ws && this.ws.close(4000, 'quiet too long'), this.quietLimitMs);
  }
}
