// The dashboard's shell: configuration, login, navigation by URL hash, and the live stream that pages listen to.
import * as auth from './auth.js';
import {loadConfig, settings} from './api.js';
import {LiveStream} from './stream.js';
import {errorBox, h} from './dom.js';
import * as loginPage from './pages/login.js';
import * as fleetPage from './pages/fleet.js';
import * as workerPage from './pages/worker.js';
import * as tasksPage from './pages/tasks.js';
import * as taskPage from './pages/task.js';
import * as submitPage from './pages/submit.js';
import * as areasPage from './pages/areas.js';
import * as areaPage from './pages/area.js';
import * as accountsPage from './pages/accounts.js';
import * as accountPage from './pages/account.js';
import * as analyticsPage from './pages/analytics.js';

const SEE_FLEET = ['ADMIN', 'MANAGER'];
const SEE_MONEY = ['ACCOUNTANT', 'ADMIN'];

const NAV = [
    {href: '#/fleet', label: 'Fleet', key: 'fleet', roles: SEE_FLEET},
    {href: '#/tasks', label: 'Tasks', key: 'tasks', roles: ['ADMIN', 'MANAGER', 'WORKER']},
    {href: '#/submit', label: 'Submit', key: 'submit', roles: SEE_FLEET},
    {href: '#/areas', label: 'AREAs', key: 'areas', roles: SEE_FLEET},
    {href: '#/accounts', label: 'Accounts', key: 'accounts', roles: SEE_MONEY},
    {href: '#/analytics', label: 'Analytics', key: 'analytics', roles: SEE_FLEET},
];

const ROUTES = [
    {pattern: /^\/fleet$/, page: fleetPage, nav: 'fleet'},
    {pattern: /^\/workers\/([\w-]+)$/, page: workerPage, nav: 'fleet'},
    {pattern: /^\/tasks$/, page: tasksPage, nav: 'tasks'},
    {pattern: /^\/tasks\/([\w-]+)$/, page: taskPage, nav: 'tasks'},
    {pattern: /^\/submit$/, page: submitPage, nav: 'submit'},
    {pattern: /^\/areas$/, page: areasPage, nav: 'areas'},
    {pattern: /^\/areas\/([\w-]+)$/, page: areaPage, nav: 'areas'},
    {pattern: /^\/accounts$/, page: accountsPage, nav: 'accounts'},
    {pattern: /^\/accounts\/([\w-]+)$/, page: accountPage, nav: 'accounts'},
    {pattern: /^\/analytics$/, page: analyticsPage, nav: 'analytics'},
];

const main = document.getElementById('main');
let current = null;      // the mounted page's hooks
let stream = null;
let streamLive = false;

function navigate(path) {
    location.hash = `#${path}`;
}

function home() {
    const user = auth.user();
    if (auth.hasRole(...SEE_FLEET)) {
        return '/fleet';
    }
    if (auth.hasRole(...SEE_MONEY)) {
        return '/accounts';
    }
    return user && user.workerId ? `/workers/${user.workerId}` : '/tasks';
}

function parseHash() {
    const raw = location.hash.replace(/^#/, '') || '/';
    const [path, search] = raw.split('?');
    return {path, query: Object.fromEntries(new URLSearchParams(search || ''))};
}

function unmount() {
    if (current && current.unmount) {
        current.unmount();
    }
    current = null;
}

function render() {
    unmount();
    main.replaceChildren();
    if (!auth.user()) {
        document.getElementById('topbar').hidden = true;
        current = loginPage.mount(main, {ctx: context()});
        return;
    }
    const {path, query} = parseHash();
    if (path === '/' || path === '') {
        navigate(home());
        return;
    }
    const route = ROUTES.find(r => r.pattern.test(path));
    renderNav(route ? route.nav : null);
    if (!route) {
        main.append(h('div', {class: 'card'}, h('h1', {}, 'Not found'), h('p', {}, `No page at ${path}.`)));
        return;
    }
    const params = path.match(route.pattern).slice(1);
    try {
        current = route.page.mount(main, {params, query, ctx: context()}) || {};
    } catch (error) {
        main.append(errorBox(error));
    }
}

function context() {
    return {navigate, config: settings(), user: auth.user(), hasRole: auth.hasRole, isLive: () => streamLive};
}

function renderNav(active) {
    const user = auth.user();
    document.getElementById('topbar').hidden = false;
    document.getElementById('nav').replaceChildren(...NAV
        .filter(item => auth.hasRole(...item.roles))
        .map(item => h('a', {href: item.href, class: item.key === active ? 'active' : null}, item.label)));
    document.getElementById('user').textContent = `${user.name} · ${user.roles.join(', ')}`;
}

function setLive(state) {
    streamLive = state === 'live';
    const badge = document.getElementById('live');
    badge.dataset.state = state;
    badge.textContent = state === 'live' ? 'live' : state === 'connecting' ? 'connecting…' : 'offline';
}

function startStream() {
    const config = settings();
    if (!config.streamEnabled || stream) {
        return;
    }
    stream = new LiveStream(config.streamPath, {
        onNotification: n => current && current.onEvent && current.onEvent(n),
        // from now on nothing is missed: the page reloads what it shows, to cover the time before
        onReady: () => current && current.onLive && current.onLive(),
        onState: setLive,
    });
    stream.start();
}

function stopStream() {
    if (stream) {
        stream.stop();
        stream = null;
    }
}

async function start() {
    let config;
    try {
        config = await loadConfig();
    } catch (error) {
        main.replaceChildren(errorBox(error));
        return;
    }
    auth.init(config.commandUrl);
    if (await auth.restore()) {
        startStream();
    }
    auth.onChange((user, reason) => {
        if (user) {
            startStream();
        } else {
            stopStream();
            loginPage.notice(reason);
        }
        render();
    });
    document.getElementById('logout').addEventListener('click', () => auth.logout('You are logged out.'));
    window.addEventListener('hashchange', render);
    render();
}

start();
