// One worker: its facts, the last outcome per task type, and its queue (current or history), live.
import {query} from '../api.js';
import {badge, debounce, duration, errorBox, facts, h, link, shortId, table, time} from '../dom.js';

export function mount(el, {params: [workerId], query: params, ctx}) {
    const view = params.view === 'history' ? 'history' : 'current';
    const head = h('div', {class: 'stack'});
    const queueBox = h('div', {id: 'worker-queue'});
    const tabs = h('div', {class: 'tabs'},
        h('a', {href: `#/workers/${workerId}`, class: view === 'current' ? 'active' : null}, 'Current queue'),
        h('a', {href: `#/workers/${workerId}?view=history`, class: view === 'history' ? 'active' : null},
            'History'));
    el.append(head, h('section', {class: 'card'}, tabs, queueBox));
    let disposed = false;

    async function load() {
        const [worker, queue] = await Promise.allSettled([
            query(`/api/v1/workers/${workerId}`),
            query(`/api/v1/workers/${workerId}/queue`, {view}),
        ]);
        if (disposed) {
            return;
        }
        head.replaceChildren(worker.status === 'fulfilled' ? describe(worker.value, ctx)
            : errorBox(worker.reason));
        queueBox.replaceChildren(queue.status === 'fulfilled' ? queueTable(queue.value.items, view)
            : errorBox(queue.reason));
    }

    const reload = debounce(load, 300);
    const settle = debounce(load, 2500);
    load();
    return {
        onEvent(n) {
            if (n.aggregateId === workerId || n.workerId === workerId || n.fromWorkerId === workerId) {
                reload();
                settle();
            }
        },
        onLive: load,
        unmount() {
            disposed = true;
            reload.cancel();
            settle.cancel();
        },
    };
}

function describe(worker, ctx) {
    const outcomes = Object.entries(worker.lastOutcomes || {});
    return h('div', {class: 'stack'},
        h('div', {class: 'page-head'}, h('h1', {}, worker.name, ' ', badge(worker.state)),
            ctx.hasRole('ADMIN', 'MANAGER', 'WORKER')
                ? link(`#/tasks?workerId=${worker.workerId}`, 'Tasks of this worker ›') : null),
        h('section', {class: 'card two'},
            facts([
                ['Worker id', worker.workerId],
                ['State reason', worker.stateReason],
                ['Slots', worker.slots],
                ['Max queue', worker.maxQueue],
                ['Task types', worker.taskTypes.join(', ')],
                ['Labels', Object.entries(worker.labels || {}).map(([k, v]) => `${k}=${v}`).join(', ')],
                ['Hardware', worker.hardwareId],
                ['Registered', time(worker.registeredAt)],
                ['Last change', time(worker.updatedAt)],
            ]),
            table([
                {title: 'Task type', cell: ([type]) => type},
                {title: 'Last outcome', cell: ([, o]) => o ? badge(o.outcome) : '–'},
                {title: 'Task', cell: ([, o]) => o ? link(`#/tasks/${o.taskId}`, shortId(o.taskId)) : '–'},
                {title: 'At', cell: ([, o]) => o ? time(o.at) : '–'},
            ], outcomes, {caption: 'Last finished task per type'})));
}

function queueTable(items, view) {
    return table([
        {title: 'Task', cell: i => link(`#/tasks/${i.taskId}`, shortId(i.taskId))},
        {title: 'Type', cell: i => i.type},
        {title: 'Attempt', class: 'num', cell: i => i.attempt},
        {title: 'Priority', class: 'num', cell: i => i.priority},
        {title: 'Status', cell: i => badge(i.status)},
        {title: 'Assigned', cell: i => time(i.assignedAt)},
        {title: 'Started', cell: i => time(i.startedAt)},
        view === 'history' ? {title: 'Finished', cell: i => time(i.finishedAt)} : null,
        view === 'history' ? {title: 'Ran', class: 'num', cell: i => i.startedAt && i.finishedAt
            ? duration(new Date(i.finishedAt) - new Date(i.startedAt)) : '–'} : null,
        {title: 'Message', cell: i => i.message || ''},
    ].filter(Boolean), items, {
        empty: view === 'history' ? 'Nothing finished on this worker yet.' : 'This worker holds no task now.',
        rowAttrs: i => ({'data-task': i.taskId}),
    });
}
