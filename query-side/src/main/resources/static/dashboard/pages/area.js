// One AREA: its definition and its execution log (and webhook deliveries), live.
import {query} from '../api.js';
import {badge, debounce, duration, errorBox, facts, h, json, link, pager, shortId, table, time} from '../dom.js';

export function mount(el, {params: [areaId], query: params, ctx}) {
    const page = Number(params.page || 0);
    const head = h('div', {});
    const executions = h('div', {id: 'area-executions'});
    const deliveries = h('div', {id: 'area-deliveries'});
    el.append(head, h('section', {class: 'card'}, h('h2', {}, 'Execution log'), executions), deliveries);
    let disposed = false;

    async function load() {
        const [area, log] = await Promise.allSettled([
            query(`/api/v1/areas/${areaId}`),
            query(`/api/v1/areas/${areaId}/executions`, {page, size: 25}),
        ]);
        if (disposed) {
            return;
        }
        head.replaceChildren(area.status === 'fulfilled' ? describe(area.value) : errorBox(area.reason));
        executions.replaceChildren(...(log.status === 'fulfilled'
            ? [executionTable(log.value.items), pager(log.value, p => ctx.navigate(`/areas/${areaId}?page=${p}`))]
            : [errorBox(log.reason)]));
        if (area.status === 'fulfilled' && area.value.trigger && area.value.trigger.kind === 'WEBHOOK') {
            try {
                const received = await query(`/api/v1/areas/${areaId}/deliveries`, {size: 25});
                deliveries.replaceChildren(h('section', {class: 'card'}, h('h2', {}, 'Webhook deliveries'),
                    table([
                        {title: 'Delivery', cell: d => d.deliveryId},
                        {title: 'Received', cell: d => time(d.firedAt)},
                        {title: 'Execution', class: 'num', cell: d => d.executionNumber},
                        {title: 'Version', class: 'num', cell: d => d.version},
                    ], received.items, {empty: 'No delivery yet.'})));
            } catch (error) {
                deliveries.replaceChildren(errorBox(error));
            }
        }
    }

    const reload = debounce(load, 500);
    const settle = debounce(load, 2500);
    load();
    return {
        onEvent(n) {
            if (n.aggregateId === areaId) {
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

function describe(area) {
    const trigger = area.trigger || {};
    const when = trigger.kind === 'CRON' ? `cron ${trigger.cron} (${trigger.zone || 'UTC'})`
        : trigger.kind === 'INTERVAL' ? `every ${duration(trigger.intervalMs)}`
            : trigger.kind === 'WEBHOOK' ? `webhook ${area.webhook ? area.webhook.url || '' : ''}` : trigger.kind;
    return h('div', {class: 'stack'},
        h('div', {class: 'page-head'}, h('h1', {}, area.name, ' ', badge(area.state))),
        h('section', {class: 'card two'},
            facts([
                ['AREA id', area.areaId],
                ['Owner', area.owner],
                ['Version', area.version],
                ['Trigger', when],
                ['Misfire', trigger.misfire],
                ['Action', area.action ? `${area.action.service} / ${area.action.type}` : '–'],
                ['Retry policy', area.retryPolicy ? `${area.retryPolicy.maxAttempts} attempts, backoff `
                    + `${duration(area.retryPolicy.initialBackoffMs)} ×${area.retryPolicy.multiplier}` : '–'],
                ['Executions', area.executions],
                ['Last fire', time(area.lastFireAt)],
                ['Next fire', time(area.nextFireAt)],
            ]),
            h('div', {},
                h('h3', {}, 'Action parameters'), json(area.action ? area.action.params : null),
                h('h3', {}, 'Reactions'),
                table([
                    {title: '#', class: 'num', cell: r => r.index},
                    {title: 'Type', cell: r => r.type},
                    {title: 'Condition', cell: r => h('code', {}, r.condition || 'always')},
                ], area.reactions || [], {empty: 'No reaction.'}))));
}

function executionTable(items) {
    return table([
        {title: '#', class: 'num', cell: x => x.number},
        {title: 'Fired', cell: x => time(x.firedAt)},
        {title: 'Source', cell: x => x.source},
        {title: 'Status', cell: x => badge(x.status || 'RUNNING')},
        {title: 'Action', cell: x => x.action
            ? [x.action.taskId ? link(`#/tasks/${x.action.taskId}`, shortId(x.action.taskId)) : '', ' ',
                x.action.outcome ? badge(x.action.outcome) : '', x.action.triggered ? ' triggered' : '']
            : '–'},
        {title: 'Reactions', cell: x => (x.reactions || []).map(r => h('span', {class: 'chip'},
            `#${r.index} ${r.type}: `, badge(r.status || (r.conditionHeld ? 'RUNNING' : 'SKIPPED'))))},
        {title: 'Took', class: 'num', cell: x => duration(x.durationMs)},
    ], items, {empty: 'Not executed yet.', rowAttrs: x => ({'data-execution': x.executionId})});
}
