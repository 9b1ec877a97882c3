// AREAs: every automation with its trigger, state and last execution; live.
import {query} from '../api.js';
import {ago, badge, debounce, errorBox, h, link, pager, table, time} from '../dom.js';

const STATES = ['', 'ACTIVE', 'PAUSED', 'DELETED'];

export function mount(el, {query: params, ctx}) {
    const filter = {state: params.state || '', page: Number(params.page || 0)};
    const state = h('select', {name: 'state', onchange: () => go({state: state.value, page: 0})},
        STATES.map(s => h('option', {value: s, selected: s === filter.state}, s || 'any state')));
    const results = h('div', {id: 'area-results'});
    el.append(h('div', {class: 'page-head'}, h('h1', {}, 'AREAs'), h('div', {class: 'filters'}, state)),
        h('section', {class: 'card'}, results));
    let disposed = false;

    function go(next) {
        const search = new URLSearchParams(Object.entries({...filter, ...next})
            .filter(([k, v]) => v !== '' && !(k === 'page' && v === 0))).toString();
        ctx.navigate(`/areas${search ? `?${search}` : ''}`);
    }

    async function load() {
        try {
            const page = await query('/api/v1/areas', {state: filter.state, page: filter.page, size: 50});
            if (!disposed) {
                results.replaceChildren(table([
                    {title: 'Name', cell: a => link(`#/areas/${a.areaId}`, a.name)},
                    {title: 'State', cell: a => badge(a.state)},
                    {title: 'Action', cell: a => a.actionType},
                    {title: 'Trigger', cell: a => a.triggerKind},
                    {title: 'Executions', class: 'num', cell: a => a.executions},
                    {title: 'Last execution', cell: a => a.lastExecution
                        ? [badge(a.lastExecution.status || 'RUNNING'), ' ', ago(a.lastExecution.firedAt)] : '–'},
                    {title: 'Next fire', cell: a => time(a.nextFireAt)},
                    {title: 'Owner', cell: a => a.owner},
                ], page.items, {empty: 'No AREA defined.', rowAttrs: a => ({'data-area': a.areaId})}),
                pager(page, p => go({page: p})));
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
            if (n.aggregate === 'area') {
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
