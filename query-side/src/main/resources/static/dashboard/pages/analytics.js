// Analytics: management earnings per day, fleet throughput and latency per day, outcome rates and worker
// utilisation over the range (UTC days, as the API counts them).
import {query} from '../api.js';
import {debounce, duration, errorBox, h, lastDays, link, money, percent, shortId, table} from '../dom.js';
import {barChart, lineChart, shareBars} from '../chart.js';

const RANGES = [7, 14, 30];

export function mount(el, {query: params}) {
    const days = RANGES.includes(Number(params.days)) ? Number(params.days) : 7;
    const content = h('div', {id: 'analytics-content', class: 'stack'}, h('p', {class: 'muted'}, 'Loading…'));
    const refresh = h('button', {type: 'button', id: 'analytics-refresh', onclick: () => load()}, 'Refresh');
    el.append(h('div', {class: 'page-head'}, h('h1', {}, 'Analytics'),
        h('div', {class: 'filters'}, 'Last', RANGES.map(n => h('a', {href: `#/analytics?days=${n}`,
            class: n === days ? 'active chip' : 'chip'}, `${n} days`)), refresh)), content);
    let disposed = false;

    async function load() {
        const dates = lastDays(days);
        const from = dates[0];
        const to = dates[dates.length - 1];
        try {
            const [earnings, perDay, range, expensive, negatives] = await Promise.all([
                query('/api/v1/analytics/earnings', {from, to}),
                Promise.all(dates.map(day => query('/api/v1/analytics/fleet', {from: day, to: day}))),
                query('/api/v1/analytics/fleet', {from, to}),
                query('/api/v1/analytics/most-expensive-task', {period: 'week'}),
                query('/api/v1/analytics/negative-balances'),
            ]);
            if (!disposed) {
                content.replaceChildren(...render(dates, earnings, perDay, range, expensive, negatives));
            }
        } catch (error) {
            if (!disposed) {
                content.replaceChildren(errorBox(error));
            }
        }
    }

    // analytics follow the events through the projections: reload when things have settled
    const reload = debounce(load, 3000);
    load();
    return {
        onEvent(n) {
            if (n.aggregate === 'task' || n.aggregate === 'account') {
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

function render(dates, earnings, perDay, range, expensive, negatives) {
    const labels = dates.map(d => d.slice(5));
    const totals = perDay.map(day => sum(day.taskTypes, t => t.completed));
    const created = perDay.map(day => sum(day.taskTypes, t => t.created));
    const dispatchMean = perDay.map(day => weightedMean(day.taskTypes, t => t.dispatchLatencyMs));
    const waitMean = perDay.map(day => weightedMean(day.taskTypes, t => t.queueWaitMs));
    const completedInRange = sum(range.taskTypes, t => t.completed);
    return [
        h('div', {class: 'kpis'},
            kpi('Earnings', money(earnings.total), earnings.total < 0 ? 'neg' : null),
            kpi('Tasks completed', completedInRange),
            kpi('Throughput', `${(completedInRange / Math.max(1, range.hours)).toFixed(2)} / h`),
            kpi('Utilisation', percent(range.utilisation.average)),
            kpi(negatives.closed ? 'Negative at close' : 'Negative now', negatives.count),
            h('div', {class: 'kpi'}, h('span', {class: 'kpi-value'}, expensive.taskId
                ? link(`#/tasks/${expensive.taskId}`, money(expensive.completionReward)) : '–'),
            h('span', {class: 'kpi-label'}, 'Top reward this week'))),
        h('div', {class: 'charts'},
            h('section', {class: 'card'}, barChart({
                id: 'chart-earnings', title: 'Management earnings per day (fees − rewards)', labels,
                values: earnings.items.map(d => d.earnings), format: v => money(v),
            })),
            h('section', {class: 'card'}, lineChart({
                id: 'chart-throughput', title: 'Fleet throughput per day', labels,
                // completed drawn last, on top: it often equals created
                series: [{name: 'created', values: created}, {name: 'completed', values: totals}],
                format: v => String(Math.round(v)),
            })),
            h('section', {class: 'card'}, lineChart({
                id: 'chart-latency', title: 'Mean dispatch latency and queue wait per day', labels,
                series: [{name: 'dispatch latency (created → started)', values: dispatchMean},
                    {name: 'queue wait (waiting → assigned)', values: waitMean}],
                format: duration, note: 'Days without tasks have no point.',
            })),
            h('section', {class: 'card'}, shareBars({
                id: 'chart-outcomes', title: 'Outcome rates per task type (reported attempts)',
                parts: ['success', 'warning', 'failure'],
                rows: range.taskTypes.filter(t => reported(t) > 0)
                    .map(t => ({label: t.taskType, parts: [t.rates.success, t.rates.warning, t.rates.failure]})),
                note: 'Failures include time-outs.',
            }))),
        h('section', {class: 'card'}, h('h2', {}, 'Per task type'), table([
            {title: 'Type', cell: t => t.taskType},
            {title: 'Created', class: 'num', cell: t => t.created},
            {title: 'Completed', class: 'num', cell: t => t.completed},
            {title: 'Per hour', class: 'num', cell: t => t.throughputPerHour.toFixed(2)},
            {title: 'Success', class: 'num', cell: t => percent(t.rates.success)},
            {title: 'Failure', class: 'num', cell: t => percent(t.rates.failure)},
            {title: 'Dead-lettered', class: 'num', cell: t => t.deadLettered},
            {title: 'Dispatch p50 / p95', class: 'num', cell: t => `${duration(t.dispatchLatencyMs.p50)} / `
                + `${duration(t.dispatchLatencyMs.p95)}`},
            {title: 'Queue wait p95', class: 'num', cell: t => duration(t.queueWaitMs.p95)},
        ], range.taskTypes, {empty: 'No task in this range.'})),
        h('section', {class: 'card'}, h('h2', {}, 'Worker utilisation'), table([
            {title: 'Worker', cell: w => link(`#/workers/${w.workerId}`, w.workerName || shortId(w.workerId))},
            {title: 'Attempts', class: 'num', cell: w => w.attempts},
            {title: 'Busy', class: 'num', cell: w => duration(w.busyMs)},
            {title: 'Utilisation', class: 'num', cell: w => percent(w.utilisation)},
        ], range.utilisation.workers, {empty: 'No worker ran anything in this range.'})),
    ];
}

function reported(type) {
    const a = type.attempts;
    return a.success + a.warning + a.failure + a.timedOut;
}

function sum(items, of) {
    return items.reduce((total, item) => total + of(item), 0);
}

/** The mean over every type, weighted by each type's count: exact, unlike merging percentiles. */
function weightedMean(types, of) {
    const count = sum(types, t => of(t).count);
    return count === 0 ? null : sum(types, t => (of(t).mean || 0) * of(t).count) / count;
}

function kpi(label, value, cls) {
    return h('div', {class: 'kpi'}, h('span', {class: `kpi-value ${cls || ''}`}, value),
        h('span', {class: 'kpi-label'}, label));
}
