// One task: its status (updated live, straight from the notifications) and, while it waits for a worker, why;
// facts, payload/output and timeline.
import {command, query} from '../api.js';
import {badge, debounce, errorBox, facts, h, json, link, money, shortId, table, time, waiting} from '../dom.js';

const FINAL = ['COMPLETED', 'DEAD_LETTERED', 'CANCELLED'];

export function mount(el, {params: [taskId], ctx}) {
    let task = null;          // the read model
    let live = null;          // the newest notification's {status, outcome, at}
    let missing = false;
    let error = null;
    let disposed = false;
    let retries = 0;
    const statusBox = h('span', {id: 'task-status'});
    const body = h('div', {id: 'task-body', class: 'stack'});
    const actions = h('div', {class: 'actions'});
    el.append(h('div', {class: 'page-head'}, h('h1', {}, 'Task ', h('code', {}, shortId(taskId)), ' ', statusBox),
        actions), body);

    // The status shown is the newer of the read model's and the last notification's: a notification arrives
    // before the projection has written the event, and must not be undone by a read that is a moment behind.
    function shownStatus() {
        const modelAt = task && task.updatedAt ? Date.parse(task.updatedAt) : 0;
        if (live && live.status && (!task || Date.parse(live.at) > modelAt)) {
            return live.status;
        }
        return task ? task.status : null;
    }

    async function load() {
        try {
            task = await query(`/api/v1/tasks/${taskId}`);
            missing = false;
            error = null;
        } catch (e) {
            missing = e.status === 404;
            error = missing ? null : e;
            // just submitted: the projection has not written it yet; look again shortly
            if (missing && retries++ < 20 && !disposed) {
                retryLater();
            }
        }
        draw();
    }

    function draw() {
        if (disposed) {
            return;
        }
        const status = shownStatus();
        // the reason belongs to the read model's status: a newer notification makes it stale until the reload
        statusBox.replaceChildren(badge(status), task && status === task.status ? waiting(task) : '');
        statusBox.dataset.status = status || '';
        actions.replaceChildren(status && !FINAL.includes(status) && ctx.hasRole('ADMIN', 'MANAGER')
            ? h('button', {type: 'button', id: 'task-cancel', onclick: cancel}, 'Cancel task') : '');
        if (error) {
            body.replaceChildren(errorBox(error));
            return;
        }
        if (!task) {
            body.replaceChildren(h('section', {class: 'card'}, h('p', {class: 'muted'}, missing
                ? 'Waiting for the task to appear in the read models…' : 'Loading…')));
            return;
        }
        body.replaceChildren(
            h('section', {class: 'card two'},
                facts([
                    ['Task id', task.taskId],
                    ['Type', task.type],
                    ['Attempt', `${task.attempt} (failures ${task.failures} of ${task.maxAttempts} allowed)`],
                    ['Outcome', task.outcome ? badge(task.outcome) : '–'],
                    ['Worker', task.workerId ? link(`#/workers/${task.workerId}`, shortId(task.workerId)) : '–'],
                    ['Priority', task.priority],
                    ['Fee / reward', `${money(task.assignmentFee)} / ${money(task.completionReward)}`],
                    ['Created', time(task.createdAt)],
                    ['Updated', time(task.updatedAt)],
                    task.notBefore ? ['Next attempt not before', time(task.notBefore)] : null,
                    task.message ? ['Message', task.message] : null,
                ]),
                h('div', {}, h('h3', {}, 'Payload'), json(task.payload), h('h3', {}, 'Output'), json(task.output))),
            h('section', {class: 'card'}, h('h2', {}, 'Timeline'), timeline(task.timeline)));
    }

    async function cancel() {
        try {
            await command('POST', `/api/v1/tasks/${taskId}/cancel`, {reason: 'cancelled from the dashboard'});
        } catch (e) {
            body.prepend(errorBox(e));
        }
    }

    const reload = debounce(load, 250);
    const settle = debounce(load, 2000);
    const retryLater = debounce(load, 1000);
    load();
    return {
        onEvent(n) {
            if (n.aggregate === 'worker' && task && task.waitingReason) {
                reload(); // a worker came, went or filled up: the reason may have changed
                return;
            }
            if (n.aggregateId !== taskId) {
                return;
            }
            if (n.status && (!live || Date.parse(n.at) >= Date.parse(live.at))) {
                live = {status: n.status, outcome: n.outcome, at: n.at};
                draw();
            }
            reload();
            settle();
        },
        onLive: load,
        unmount() {
            disposed = true;
            [reload, settle, retryLater].forEach(d => d.cancel());
        },
    };
}

function timeline(entries) {
    return table([
        {title: 'At', cell: e => time(e.at)},
        {title: 'Event', cell: e => e.event},
        {title: 'Status', cell: e => badge(e.status)},
        {title: 'Attempt', class: 'num', cell: e => e.attempt},
        {title: 'Worker', cell: e => e.workerId ? link(`#/workers/${e.workerId}`, shortId(e.workerId)) : '–'},
        {title: 'Detail', cell: e => e.detail || ''},
    ], entries || [], {empty: 'No events yet.', rowAttrs: e => ({'data-event': e.event})});
}
