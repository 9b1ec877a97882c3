// Task search: by status, type and worker, newest first, paged; live.
import {query} from '../api.js';
import {ago, badge, debounce, errorBox, h, link, pager, shortId, table, waiting} from '../dom.js';

const STATUSES = ['', 'QUEUED', 'ASSIGNED', 'RUNNING', 'COMPLETED', 'RETRY_SCHEDULED', 'DEAD_LETTERED', 'CANCELLED'];

export function mount(el, {query: params, ctx}) {
    const ownWorker = !ctx.hasRole('ADMIN', 'MANAGER') ? ctx.user.workerId : null;
    const filter = {
        status: params.status || '',
        type: params.type || '',
        workerId: ownWorker || params.workerId || '',
        page: Number(params.page || 0),
    };
    const status = h('select', {name: 'status'},
        STATUSES.map(s => h('option', {value: s, selected: s === filter.status}, s || 'any status')));
    const type = h('input', {name: 'type', placeholder: 'type', value: filter.type});
    const worker = h('input', {name: 'workerId', placeholder: 'worker id', value: filter.workerId,
        disabled: !!ownWorker});
    const taskId = h('input', {name: 'taskId', placeholder: 'open a task id'});
    const form = h('form', {class: 'filters', id: 'task-filters'}, status, type, worker,
        h('button', {type: 'submit'}, 'Search'));
    const open = h('form', {class: 'filters'}, taskId, h('button', {type: 'submit'}, 'Open'));
    form.addEventListener('submit', event => {
        event.preventDefault();
        go({status: status.value, type: type.value.trim(), workerId: worker.value.trim(), page: 0});
    });
    open.addEventListener('submit', event => {
        event.preventDefault();
        if (taskId.value.trim()) {
            ctx.navigate(`/tasks/${taskId.value.trim()}`);
        }
    });
    const results = h('div', {id: 'task-results'});
    el.append(h('div', {class: 'page-head'}, h('h1', {}, 'Tasks'), open), h('section', {class: 'card'}, form,
        results));
    let disposed = false;

    function go(next) {
        const search = new URLSearchParams(Object.entries({...filter, ...next})
            .filter(([k, v]) => v !== '' && !(k === 'page' && v === 0))).toString();
        ctx.navigate(`/tasks${search ? `?${search}` : ''}`);
    }

    async function load() {
        try {
            const page = await query('/api/v1/tasks', {
                status: filter.status, type: filter.type, workerId: filter.workerId, page: filter.page, size: 50,
            });
            if (!disposed) {
                results.replaceChildren(resultsTable(page.items), pager(page, p => go({page: p})));
            }
        } catch (error) {
            if (!disposed) {
                results.replaceChildren(errorBox(error));
            }
        }
    }

    const reload = debounce(load, 1000);
    load();
    return {
        onEvent(n) {
            if (n.aggregate === 'task' || n.aggregate === 'worker') { // workers change why tasks wait
                reload();
            }
        },
        onLive: load,
        unmount() {
            disposed = true;
            reload.cancel();
        },
    };
}

function resultsTable(items) {
    return table([
        {title: 'Task', cell: t => link(`#/tasks/${t.taskId}`, shortId(t.taskId), {title: t.taskId})},
        {title: 'Type', cell: t => t.type},
        {title: 'Status', cell: t => [badge(t.status), waiting(t)]},
        {title: 'Attempt', class: 'num', cell: t => t.attempt},
        {title: 'Outcome', cell: t => t.outcome ? badge(t.outcome) : '–'},
        {title: 'Worker', cell: t => t.workerId ? link(`#/workers/${t.workerId}`, shortId(t.workerId)) : '–'},
        {title: 'Priority', class: 'num', cell: t => t.priority},
        {title: 'Created', cell: t => h('span', {title: t.createdAt}, ago(t.createdAt))},
        {title: 'Updated', cell: t => h('span', {title: t.updatedAt}, ago(t.updatedAt))},
    ], items, {empty: 'No task matches.', rowAttrs: t => ({'data-task': t.taskId, 'data-status': t.status})});
}
