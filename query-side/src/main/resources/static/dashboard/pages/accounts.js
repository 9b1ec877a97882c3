// Accounts: every worker's balance and totals (ACCOUNTANT, ADMIN); live.
import {query} from '../api.js';
import {ago, debounce, errorBox, h, link, money, pager, table} from '../dom.js';

export function mount(el, {query: params, ctx}) {
    const page = Number(params.page || 0);
    const results = h('div', {id: 'account-results'});
    el.append(h('div', {class: 'page-head'}, h('h1', {}, 'Accounts')), h('section', {class: 'card'}, results));
    let disposed = false;

    async function load() {
        try {
            const accounts = await query('/api/v1/accounts', {page, size: 50});
            if (!disposed) {
                results.replaceChildren(table([
                    {title: 'Worker', cell: a => link(`#/accounts/${a.workerId}`, a.workerName || a.workerId)},
                    {title: 'Balance', class: 'num', cell: a => h('span', {class: a.balance < 0 ? 'neg' : null},
                        money(a.balance))},
                    {title: 'Charged', class: 'num', cell: a => money(-a.totals.charged)},
                    {title: 'Credited', class: 'num', cell: a => money(a.totals.credited)},
                    {title: 'Paid out', class: 'num', cell: a => money(a.totals.paidOut)},
                    {title: 'Movements', class: 'num', cell: a => a.movements},
                    {title: 'Last movement', cell: a => ago(a.lastMovementAt)},
                    {title: 'Last closed cycle', cell: a => a.lastClosedCycle || '–'},
                ], accounts.items, {empty: 'No account yet.', rowAttrs: a => ({'data-account': a.workerId})}),
                pager(accounts, p => ctx.navigate(`/accounts?page=${p}`)));
            }
        } catch (error) {
            if (!disposed) {
                results.replaceChildren(errorBox(error));
            }
        }
    }

    const reload = debounce(load, 1500);
    load();
    return {
        onEvent(n) {
            if (n.aggregate === 'account') {
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
