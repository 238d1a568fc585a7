// The notifier's live feed: STOMP over WebSocket, the access token in the CONNECT frame, one
// subscription to /user/queue/transfers. Each message carries `seq`, this user's event number; after a
// dropped connection the subscription says the last seq it saw (header `last-seq`) and the notifier
// first sends what was missed, so nothing is lost and nothing is applied twice.
import { Client, ReconnectionTimeMode } from '@stomp/stompjs';
import { reactive } from 'vue';

const DESTINATION = '/user/queue/transfers';

export function defaultFeedUrl() {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.hostname}:8082/ws`;
}

export class LiveFeed {
  /**
   * @param {object} options
   * @param {string} options.url the notifier's WebSocket address
   * @param {() => string} options.token the current access token
   * @param {(event: object) => void} options.onEvent each new event, once, in seq order
   * @param {() => void} options.onConnected after every (re)connection, to catch up with anything the feed cannot replay
   */
  constructor({ url, token, onEvent, onConnected }) {
    this.state = reactive({ status: 'connecting', lastSeq: null });
    this.onEvent = onEvent;
    this.onConnected = onConnected;
    this.client = new Client({
      brokerURL: url,
      reconnectDelay: 1000,
      maxReconnectDelay: 10000,
      reconnectTimeMode: ReconnectionTimeMode.EXPONENTIAL,
      heartbeatIncoming: 10000,
      heartbeatOutgoing: 10000,
      beforeConnect: () => {
        // read the token on every attempt: a reconnect must not use a token from an earlier session
        this.client.connectHeaders = { Authorization: `Bearer ${token()}` };
        if (this.state.status === 'live') this.state.status = 'reconnecting';
      },
      onConnect: () => this.subscribe(),
      onWebSocketClose: () => {
        if (this.client.active) this.state.status = 'reconnecting';
      },
      onStompError: (frame) => console.warn('the live feed refused:', frame.headers.message ?? frame.body),
    });
  }

  start() {
    this.client.activate();
  }

  async stop() {
    this.state.status = 'offline';
    await this.client.deactivate();
  }

  subscribe() {
    const headers = this.state.lastSeq === null ? {} : { 'last-seq': String(this.state.lastSeq) };
    this.client.subscribe(DESTINATION, (message) => this.receive(message), headers);
    this.state.status = 'live';
    this.onConnected();
  }

  receive(message) {
    const event = JSON.parse(message.body);
    const last = this.state.lastSeq;
    if (last !== null && event.seq <= last) return; // sent again after a resume: already applied
    this.state.lastSeq = event.seq;
    this.onEvent(event);
    if (last !== null && event.seq > last + 1) {
      // more than the notifier keeps was missed: what it could not replay comes from the API
      this.onConnected();
    }
  }
}
