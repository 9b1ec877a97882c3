// Small DOM helpers. Every piece of data reaches the page as a text node or an attribute value, never as HTML,
// so nothing a task payload or a worker name contains can run as script.

export function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    setAttributes(el, attrs);
    append(el, children);
    return el;
}

export function setAttributes(el, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (key === 'class') {
            el.setAttribute('class', value);
        } else if (key.startsWith('on') && typeof value === 'function') {
            el.addEventListener(key.slice(2), value);
        } else if (key === 'value' && 'value' in el) {
            el.value = value;
        } else {
            el.setAttribute(key, value === true ? '' : String(value));
        }
    }
}

export function append(el, children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

/** Calls fn once, ms after the last of a burst of calls. */
export function debounce(fn, ms) {
    let timer = null;
    const debounced = (...args) => {
        clearTimeout(timer);
        timer = setTimeout(() => fn(...args), ms);
    };
    debounced.cancel = () => clearTimeout(timer);
    return debounced;
}

export function delay(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
}

const pad = n => String(n).padStart(2, '0');

/** Local date and time, to the second. */
export function time(iso) {
    if (!iso) {
        return '–';
    }
    const d = new Date(iso);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `
        + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function ago(iso) {
    if (!iso) {
        return '–';
    }
    const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
    if (seconds < 60) {
        return `${Math.max(seconds, 0)} s ago`;
    }
    if (seconds < 3600) {
        return `${Math.round(seconds / 60)} min ago`;
    }
    if (seconds < 86400) {
        return `${Math.round(seconds / 3600)} h ago`;
    }
    return `${Math.round(seconds / 86400)} d ago`;
}

export function duration(ms) {
    if (ms === null || ms === undefined) {
        return '–';
    }
    if (ms < 1000) {
        return `${Math.round(ms)} ms`;
    }
    if (ms < 60000) {
        return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
    }
    if (ms < 3600000) {
        return `${(ms / 60000).toFixed(1)} min`;
    }
    return `${(ms / 3600000).toFixed(1)} h`;
}

export function percent(share) {
    return share === null || share === undefined ? '–' : `${(share * 100).toFixed(1)} %`;
}

export function money(amount) {
    return amount === null || amount === undefined ? '–' : (amount > 0 ? '+' : '') + amount.toLocaleString('en');
}

export function shortId(id) {
    return id ? id.slice(0, 8) : '–';
}

export function utcDay(date) {
    return date.toISOString().slice(0, 10);
}

/** The last n UTC days, oldest first, as yyyy-MM-dd. */
export function lastDays(n) {
    const days = [];
    const today = new Date();
    for (let i = n - 1; i >= 0; i--) {
        days.push(utcDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i))));
    }
    return days;
}

/** Why a task waits for a worker (its waitingReason), next to its status; nothing for a task without one. */
export function waiting(task) {
    const reason = task && task.waitingReason;
    return reason
        ? h('span', {class: 'waiting', 'data-waiting': reason.code, title: reason.code}, reason.message)
        : '';
}

export function badge(status) {
    if (!status) {
        return h('span', {class: 'badge'}, '–');
    }
    return h('span', {class: `badge badge-${String(status).toLowerCase()}`, 'data-status': status}, status);
}

export function link(href, text, attrs) {
    return h('a', {href, ...attrs}, text);
}

/**
 * A table: columns are {title, cell(row) -> node|text, class?}; rowAttrs(row) adds attributes to each row.
 */
export function table(columns, rows, {empty = 'Nothing here yet.', rowAttrs, caption} = {}) {
    const head = h('thead', {}, h('tr', {}, columns.map(c => h('th', {class: c.class}, c.title))));
    const body = h('tbody', {}, rows.length === 0
        ? h('tr', {}, h('td', {class: 'empty', colspan: columns.length}, empty))
        : rows.map(row => h('tr', rowAttrs ? rowAttrs(row) : {},
            columns.map(c => h('td', {class: c.class}, c.cell(row))))));
    return h('table', {class: 'grid'}, caption ? h('caption', {}, caption) : null, head, body);
}

/** Prev/next for a page {page, size, total}. */
export function pager(result, onPage) {
    const pages = Math.max(1, Math.ceil(result.total / result.size));
    return h('div', {class: 'pager'},
        h('button', {type: 'button', disabled: result.page === 0, onclick: () => onPage(result.page - 1)}, '‹ Prev'),
        h('span', {}, `page ${result.page + 1} of ${pages} · ${result.total} in all`),
        h('button', {type: 'button', disabled: result.page + 1 >= pages, onclick: () => onPage(result.page + 1)},
            'Next ›'));
}

export function json(value) {
    return h('pre', {class: 'json'}, value === null || value === undefined ? '–' : JSON.stringify(value, null, 2));
}

/** Key/value pairs as a definition list. */
export function facts(pairs) {
    return h('dl', {class: 'facts'}, pairs.filter(Boolean).map(([key, value]) => [h('dt', {}, key),
        h('dd', {}, value === null || value === undefined || value === '' ? '–' : value)]));
}

/** An error as the user should read it: the problem detail's text when the server sent one. */
export function errorBox(error) {
    const text = error && error.problem
        ? `${error.problem.title || 'Error'} (${error.status}): ${error.problem.detail || ''}`
        : String(error && error.message ? error.message : error);
    return h('div', {class: 'error', role: 'alert'}, text);
}

export function section(title, ...children) {
    return h('section', {class: 'card'}, h('h2', {}, title), children);
}
