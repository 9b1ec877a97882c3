// Live notifications from GET /api/v1/stream (server-sent events), read with fetch rather than EventSource:
// EventSource cannot send an Authorization header, and a token in the URL would end up in access logs and browser
// history. fetch sends the header like every other call, and this loop reconnects itself: after the server ends
// the stream (it does when the access token expires; the next request carries a refreshed one), after a network
// error (with back-off), and when no byte came for three heartbeat intervals (a dead connection).

import {authorizedFetch, SessionEnded} from './auth.js';
import {delay} from './dom.js';

const SILENCE_MS = 45000;
const MIN_GAP_MS = 500;
const MAX_BACKOFF_MS = 15000;

export class LiveStream {
    /**
     * @param url       the stream's path
     * @param handlers  {onNotification(n), onReady(), onState('connecting'|'live'|'offline')}
     */
    constructor(url, handlers) {
        this.url = url;
        this.handlers = handlers;
        this.running = false;
        this.controller = null;
    }

    start() {
        if (!this.running) {
            this.running = true;
            this.loop();
        }
    }

    stop() {
        this.running = false;
        if (this.controller) {
            this.controller.abort();
        }
        this.state('offline');
    }

    async loop() {
        let backoff = 1000;
        while (this.running) {
            this.state('connecting');
            try {
                this.controller = new AbortController();
                const response = await authorizedFetch(this.url, {
                    headers: {Accept: 'text/event-stream'},
                    cache: 'no-store',
                    signal: this.controller.signal,
                });
                if (!response.ok) {
                    throw new Error(`stream answered ${response.status}`);
                }
                await this.read(response.body, () => {
                    backoff = 1000;
                });
                await delay(MIN_GAP_MS);
            } catch (error) {
                if (!this.running || error instanceof SessionEnded) {
                    break;
                }
                this.state('offline');
                await delay(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
        this.state('offline');
    }

    /** Parses the event stream until it ends; onLive is called at the "ready" event. */
    async read(body, onLive) {
        const reader = body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        let name = '';
        let data = [];
        let watchdog = null;
        const kick = () => {
            clearTimeout(watchdog);
            watchdog = setTimeout(() => this.controller.abort(), SILENCE_MS);
        };
        kick();
        try {
            for (;;) {
                const {value, done} = await reader.read();
                if (done) {
                    return;
                }
                kick();
                buffer += value;
                let end;
                while ((end = buffer.indexOf('\n')) >= 0) {
                    const line = buffer.slice(0, end).replace(/\r$/, '');
                    buffer = buffer.slice(end + 1);
                    if (line === '') {
                        this.dispatch(name, data, onLive);
                        name = '';
                        data = [];
                    } else if (line.startsWith(':')) {
                        // heartbeat comment
                    } else if (line.startsWith('event:')) {
                        name = line.slice(6).trim();
                    } else if (line.startsWith('data:')) {
                        data.push(line.slice(5).replace(/^ /, ''));
                    }
                }
            }
        } finally {
            clearTimeout(watchdog);
        }
    }

    dispatch(name, data, onLive) {
        if (name === 'ready') {
            onLive();
            this.state('live');
            this.handlers.onReady();
        } else if (data.length > 0) {
            try {
                this.handlers.onNotification(JSON.parse(data.join('\n')));
            } catch (error) {
                console.warn('Unreadable notification', error);
            }
        }
    }

    state(value) {
        this.handlers.onState(value);
    }
}
