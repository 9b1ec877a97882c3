// One account and its audit log: every charge, credit and payout, by UTC day range, paged.
import {query} from '../api.js';
import {badge, debounce, errorBox, facts, h, link, money, pager, shortId, table, time} from '../dom.js';

export function mount(el, {params: [workerId], query: params, ctx}) {
    const filter = {from: params.from || '', to: params.to || '', page: Number(params.page || 0)};
    const head = h('div', {});
    const from = h('input', {type: 'date', name: 'from', value: filter.from});
    const to = h('input', {type: 'date', name: 'to', value: filter.to});
    const form = h('form', {class: 'filters'}, h('span', {}, 'From'), from, h('span', {}, 'to'), to,
        h('button', {type: 'submit'}, 'Show'));
    form.addEventListener('submit', event => {
        event.preventDefault();
        go({from: from.value, to: to.value, page: 0});
    });
    const audit = h('div', {id: 'account-audit'});
    el.append(head, h('section', {class: 'card'}, h('h2', {}, 'Audit log'), form, audit));
    let disposed = false;

    function go(next) {
        const search = new URLSearchParams(Object.entries({...filter, ...next})
            .filter(([k, v]) => v !== '' && !(k === 'page' && v === 0))).toString();
        ctx.navigate(`/accounts/${workerId}${search ? `?${search}` : ''}`);
    }

    async function load() {
        const [account, movements] = await Promise.allSettled([
            query(`/api/v1/accounts/${workerId}`),
            query(`/api/v1/accounts/${workerId}/audit`, {from: filter.from, to: filter.to, page: filter.page,
                size: 50}),
        ]);
        if (disposed) {
            return;
        }
        head.replaceChildren(account.status === 'fulfilled' ? describe(account.value) : errorBox(account.reason));
        audit.replaceChildren(...(movements.status === 'fulfilled'
            ? [table([
                {title: 'At', cell: m => time(m.at)},
                {title: 'Kind', cell: m => badge(m.kind.toUpperCase())},
                {title: 'Amount', class: 'num', cell: m => h('span', {class: m.amount < 0 ? 'neg' : 'pos'},
                    money(m.amount))},
                {title: 'Task', cell: m => m.taskId ? link(`#/tasks/${m.taskId}`, shortId(m.taskId)) : '–'},
                {title: 'Attempt', class: 'num', cell: m => m.attempt ?? '–'},
                {title: 'Reason', cell: m => m.reason},
                {title: 'Balance after', class: 'num', cell: m => money(m.balanceAfter)},
                {title: 'Cycle', cell: m => m.cycleDate || ''},
            ], movements.value.items, {empty: 'No movement in this range.', rowAttrs: m => ({'data-seq': m.seq})}),
            pager(movements.value, p => go({page: p}))]
            : [errorBox(movements.reason)]));
    }

    const reload = debounce(load, 1500);
    load();
    return {
        onEvent(n) {
            if (n.aggregate === 'account' && n.workerId === workerId) {
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

function describe(account) {
    return h('div', {class: 'stack'},
        h('div', {class: 'page-head'}, h('h1', {}, 'Account of ', account.workerName || account.workerId),
            link(`#/workers/${account.workerId}`, 'Worker ›')),
        h('div', {class: 'kpis'},
            kpi('Balance', money(account.balance), account.balance < 0 ? 'neg' : null),
            kpi('Charged', money(-account.totals.charged)),
            kpi('Credited', money(account.totals.credited)),
            kpi('Paid out', money(account.totals.paidOut)),
            kpi('Movements', account.movements)),
        h('section', {class: 'card'}, facts([
            ['Account id', account.accountId],
            ['Opened', time(account.openedAt)],
            ['Last movement', time(account.lastMovementAt)],
            ['Last closed cycle', account.lastClosedCycle],
        ])));
}

function kpi(label, value, cls) {
    return h('div', {class: 'kpi'}, h('span', {class: `kpi-value ${cls || ''}`}, value),
        h('span', {class: 'kpi-label'}, label));
}
