// The login session: the same JWT flow as every client (POST /api/v1/auth/login on the command side).
//
// The access token lives in this module's memory only: no storage an injected script could read later, gone with
// the page. The refresh token lives in memory too while the page runs; it is written to sessionStorage only when
// the page is being left (pagehide) and taken out again (read, then removed) when the page loads, so a reload does
// not log the user out, a closed tab forgets it, and a duplicated tab does not inherit a token that the original
// goes on using (refresh tokens are single-use: two tabs refreshing with one token would count as a reuse and end
// the login everywhere).
//
// Refresh: at 80 % of the access token's lifetime, and at once on a 401; concurrent callers share one refresh.

const STORE = 'aviary.dashboard.refreshToken';
const RENEW_AT = 0.8;
const RETRY_MS = 15000;

let commandUrl = '';
let session = null;      // {accessToken, expiresAt (ms), user: {name, roles, workerId}}
let refreshToken = null;
let renewTimer = null;
let inflight = null;
const listeners = new Set();

export class SessionEnded extends Error {
    constructor(message) {
        super(message || 'Please log in.');
        this.name = 'SessionEnded';
    }
}

export class ProblemError extends Error {
    constructor(status, problem) {
        super(problem && problem.detail ? problem.detail : `HTTP ${status}`);
        this.name = 'ProblemError';
        this.status = status;
        this.problem = problem;
    }
}

export function init(url) {
    commandUrl = url;
    window.addEventListener('pagehide', () => {
        if (refreshToken) {
            sessionStorage.setItem(STORE, refreshToken);
        }
    });
    // back from the back/forward cache: this page runs on with the token in memory
    window.addEventListener('pageshow', event => {
        if (event.persisted) {
            sessionStorage.removeItem(STORE);
        }
    });
}

/** Listens to login/logout: fn(user | null, reason). */
export function onChange(fn) {
    listeners.add(fn);
    return () => listeners.delete(fn);
}

export function user() {
    return session ? session.user : null;
}

export function hasRole(...roles) {
    return !!session && roles.some(role => session.user.roles.includes(role));
}

/** After a reload: the refresh token the page left behind, if any, gives a new session. */
export async function restore() {
    const stored = sessionStorage.getItem(STORE);
    sessionStorage.removeItem(STORE);
    if (!stored) {
        return false;
    }
    refreshToken = stored;
    try {
        await refresh();
        return true;
    } catch (e) {
        return false;
    }
}

export async function login(username, password) {
    const response = await fetch(`${commandUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', Accept: 'application/json'},
        body: JSON.stringify({username, password}),
    });
    if (!response.ok) {
        throw await problemOf(response);
    }
    accept(await response.json());
}

export function logout(reason) {
    const token = refreshToken;
    end(reason);
    if (token) {
        fetch(`${commandUrl}/api/v1/auth/logout`, {
            method: 'POST',
            headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({refreshToken: token}),
        }).catch(() => undefined);
    }
}

/** One refresh at a time: every caller waiting for a new token gets the same one. */
export function refresh() {
    if (!inflight) {
        inflight = doRefresh().finally(() => {
            inflight = null;
        });
    }
    return inflight;
}

/** fetch with the access token; refreshes it first when about to expire, and once more after a 401. */
export async function authorizedFetch(url, init = {}) {
    if (!session) {
        throw new SessionEnded();
    }
    if (Date.now() > session.expiresAt - 10000) {
        await refresh();
    }
    let response = await fetch(url, withBearer(init));
    if (response.status === 401) {
        await refresh();
        response = await fetch(url, withBearer(init));
    }
    return response;
}

export async function problemOf(response) {
    let problem = null;
    try {
        problem = await response.json();
    } catch (e) {
        problem = {title: response.statusText, detail: ''};
    }
    return new ProblemError(response.status, problem);
}

async function doRefresh() {
    if (!refreshToken) {
        end();
        throw new SessionEnded();
    }
    const response = await fetch(`${commandUrl}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', Accept: 'application/json'},
        body: JSON.stringify({refreshToken}),
    });
    if (response.status === 400 || response.status === 401 || response.status === 403) {
        end('Your session has ended; please log in again.');
        throw new SessionEnded();
    }
    if (!response.ok) {
        throw await problemOf(response);
    }
    accept(await response.json());
}

function accept(pair) {
    const claims = decode(pair.accessToken);
    const lifetimeMs = (pair.expiresIn || 900) * 1000;
    refreshToken = pair.refreshToken;
    const wasLoggedIn = !!session;
    session = {
        accessToken: pair.accessToken,
        expiresAt: Date.now() + lifetimeMs,
        user: {
            name: claims.preferred_username || claims.sub,
            roles: Array.isArray(claims.roles) ? claims.roles : [],
            workerId: claims.workerId || null,
        },
    };
    scheduleRenewal(lifetimeMs * RENEW_AT);
    if (!wasLoggedIn) {
        listeners.forEach(fn => fn(session.user));
    }
}

function scheduleRenewal(ms) {
    clearTimeout(renewTimer);
    renewTimer = setTimeout(() => refresh().catch(error => {
        if (!(error instanceof SessionEnded)) {
            scheduleRenewal(RETRY_MS); // the command side is away for a moment: try again
        }
    }), Math.max(ms, 1000));
}

function end(reason) {
    const wasLoggedIn = !!session;
    session = null;
    refreshToken = null;
    clearTimeout(renewTimer);
    sessionStorage.removeItem(STORE);
    if (wasLoggedIn) {
        listeners.forEach(fn => fn(null, reason));
    }
}

function withBearer(init) {
    return {...init, headers: {...(init.headers || {}), Authorization: `Bearer ${session.accessToken}`}};
}

/** The token's claims, for showing who is logged in; the servers check the signature, not this page. */
function decode(token) {
    try {
        const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
        const bytes = Uint8Array.from(atob(payload.padEnd(payload.length + (4 - payload.length % 4) % 4, '=')),
            c => c.charCodeAt(0));
        return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
        return {};
    }
}
