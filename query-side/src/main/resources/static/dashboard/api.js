// The two APIs: queries on this server (same origin), commands on the command side (CORS, bearer header).
import {authorizedFetch, problemOf} from './auth.js';

let config = null;

export async function loadConfig() {
    const response = await fetch('/dashboard/config.json', {headers: {Accept: 'application/json'}});
    if (!response.ok) {
        throw await problemOf(response);
    }
    config = await response.json();
    return config;
}

export function settings() {
    return config;
}

/** GET a query; params with empty values are left out. */
export async function query(path, params) {
    const response = await authorizedFetch(withParams(path, params), {headers: {Accept: 'application/json'}});
    return body(response);
}

/** A command to the command side: answers the JSON body (e.g. {taskId}). */
export async function command(method, path, payload) {
    const response = await authorizedFetch(`${config.commandUrl}${path}`, {
        method,
        headers: {'Content-Type': 'application/json', Accept: 'application/json'},
        body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    return body(response);
}

async function body(response) {
    if (!response.ok) {
        throw await problemOf(response);
    }
    const text = await response.text();
    return text ? JSON.parse(text) : {};
}

function withParams(path, params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
        if (value !== undefined && value !== null && value !== '') {
            search.set(key, value);
        }
    }
    const query = search.toString();
    return query ? `${path}?${query}` : path;
}
