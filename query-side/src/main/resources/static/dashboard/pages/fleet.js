// The fleet: every worker with its state, slots in use and queue depth, kept current by the live stream.
import {query} from '../api.js';
import {ago, badge, debounce, errorBox, h, link, table} from '../dom.js';

const STATES = ['', 'AVAILABLE', 'WORKING', 'DRAINING', 'UPDATING', 'DOWN', 'DEREGISTERED'];

export function mount(el, {query: params, ctx}) {
    const filter = {state: params.state || '', name: params.name || ''};
    let workers = [];
    const queues = new Map();   // workerId -> current queue items
    let error = null;
    let disposed = false;

    const summary = h('div', {class: 'kpis', id: 'fleet-summary'});
    const content = h('div', {id: 'fleet-table'});
    const stateSelect = h('select', {name: 'state', onchange: () => apply({state: stateSelect.value})},
        STATES.map(s => h('option', {value: s, selected: s === filter.state}, s || 'any state')));
    const nameInput = h('input', {name: 'name', placeholder: 'exact name', value: filter.name});
    const form = h('form', {class: 'filters'}, stateSelect, nameInput, h('button', {type: 'submit'}, 'Filter'));
    form.addEventListener('submit', event => {
        event.preventDefault();
        apply({name: nameInput.value.trim()});
    });
    el.append(h('div', {class: 'page-head'}, h('h1', {}, 'Fleet'), form), summary, h('section', {class: 'card'},
        content));

    function apply(change) {
        const next = {...filter, ...change};
        const search = new URLSearchParams(Object.entries(next).filter(([, v]) => v)).toString();
        ctx.navigate(`/fleet${search ? `?${search}` : ''}`);
    }

    async function load() {
        try {
            const page = await query('/api/v1/workers', {state: filter.state, name: filter.name, size: 500});
            workers = page.items;
            await Promise.all(workers.map(w => loadQueue(w.workerId)));
            error = null;
        } catch (e) {
            error = e;
        }
        draw();
    }

    async function loadQueue(workerId) {
        try {
            const queue = await query(`/api/v1/workers/${workerId}/queue`, {view: 'current'});
            queues.set(workerId, queue.items);
        } catch (e) {
            queues.delete(workerId);
        }
    }

    function draw() {
        if (disposed) {
            return;
        }
        const counts = {};
        let slots = 0;
        let running = 0;
        let queued = 0;
        for (const w of workers) {
            counts[w.state] = (counts[w.state] || 0) + 1;
            const items = queues.get(w.workerId) || [];
            slots += w.slots;
            running += items.filter(i => i.status === 'RUNNING').length;
            queued += items.length;
        }
        summary.replaceChildren(
            kpi('Workers', workers.length),
            kpi('Available', counts.AVAILABLE || 0),
            kpi('Working', counts.WORKING || 0),
            kpi('Down', counts.DOWN || 0),
            kpi('Slots busy', `${running} / ${slots}`),
            kpi('Held tasks', queued));
        content.replaceChildren(error ? errorBox(error) : table([
            {title: 'Name', cell: w => link(`#/workers/${w.workerId}`, w.name)},
            {title: 'State', cell: w => [badge(w.state), w.stateReason ? h('small', {class: 'muted'},
                ` ${w.stateReason}`) : null]},
            {title: 'Slots', cell: w => slotsBar(w, queues.get(w.workerId) || [])},
            {title: 'Queued', class: 'num', cell: w => queueDepth(w, queues.get(w.workerId))},
            {title: 'Task types', cell: w => w.taskTypes.join(', ')},
            {title: 'Labels', cell: w => Object.entries(w.labels || {}).map(([k, v]) => `${k}=${v}`).join(', ')},
            {title: 'Changed', cell: w => h('span', {title: w.updatedAt}, ago(w.updatedAt))},
        ], workers, {
            empty: 'No workers registered yet.',
            rowAttrs: w => ({'data-worker': w.name, 'data-state': w.state}),
        }));
    }

    // the read models follow the events by a few milliseconds: load once soon, and once more when things settle
    const reloadSoon = debounce(load, 300);
    const reloadSettled = debounce(load, 2500);
    const queueIds = new Set();
    const reloadQueues = debounce(async () => {
        const ids = [...queueIds];
        queueIds.clear();
        await Promise.all(ids.map(loadQueue));
        draw();
    }, 300);

    load();
    return {
        onEvent(n) {
            if (n.aggregate === 'worker') {
                const worker = workers.find(w => w.workerId === n.aggregateId);
                if (worker && n.status) {
                    worker.state = n.status;  // shown at once; the reload brings the rest
                    draw();
                }
                reloadSoon();
                reloadSettled();
            } else if (n.aggregate === 'task') {
                [n.workerId, n.fromWorkerId].filter(Boolean).forEach(id => queueIds.add(id));
                if (queueIds.size > 0) {
                    reloadQueues();
                }
                reloadSettled();
            }
        },
        onLive: load,
        unmount() {
            disposed = true;
            [reloadSoon, reloadSettled, reloadQueues].forEach(d => d.cancel());
        },
    };
}

function kpi(label, value) {
    return h('div', {class: 'kpi'}, h('span', {class: 'kpi-value'}, value), h('span', {class: 'kpi-label'}, label));
}

function slotsBar(worker, items) {
    const running = items.filter(i => i.status === 'RUNNING').length;
    const share = worker.slots ? Math.min(1, running / worker.slots) : 0;
    const fill = h('span', {class: 'meter-fill'});
    fill.style.width = `${Math.round(share * 100)}%`;
    return h('span', {class: 'meter-wrap', 'data-running': running, 'data-slots': worker.slots},
        h('span', {class: 'meter'}, fill), ` ${running} / ${worker.slots}`);
}

/** Tasks assigned to the worker and not started yet, against its maxQueue. */
function queueDepth(worker, items) {
    if (!items) {
        return '–';
    }
    const waiting = items.filter(i => i.status !== 'RUNNING').length;
    return h('span', {'data-queue': waiting, title: `${items.length} held in all`}, `${waiting} / ${worker.maxQueue}`);
}
