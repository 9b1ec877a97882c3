// Login with a username and password: the command side answers the token pair.
import * as auth from '../auth.js';
import {errorBox, h} from '../dom.js';

let pendingNotice = null;

/** A message for the next login form (why the session ended). */
export function notice(text) {
    pendingNotice = text || null;
}

export function mount(el) {
    const message = h('div', {class: 'messages'}, pendingNotice ? h('p', {class: 'notice'}, pendingNotice) : null);
    pendingNotice = null;
    const username = h('input', {name: 'username', id: 'login-username', autocomplete: 'username', required: true});
    const password = h('input', {
        name: 'password', id: 'login-password', type: 'password', autocomplete: 'current-password', required: true,
    });
    const submit = h('button', {type: 'submit', id: 'login-submit'}, 'Log in');
    const form = h('form', {class: 'card login', id: 'login-form'},
        h('h1', {}, 'Aviary'),
        h('p', {class: 'muted'}, 'Log in with your Aviary account.'),
        message,
        h('label', {for: 'login-username'}, 'Username'), username,
        h('label', {for: 'login-password'}, 'Password'), password,
        submit);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        submit.disabled = true;
        message.replaceChildren();
        try {
            await auth.login(username.value.trim(), password.value);
        } catch (error) {
            message.replaceChildren(errorBox(describe(error)));
            submit.disabled = false;
        }
    });
    el.append(form);
    username.focus();
    return {};
}

function describe(error) {
    if (error.status === 401) {
        return new Error('Wrong username or password.');
    }
    if (error.status === 429) {
        return new Error('Too many failed attempts: this login is locked for a while. Try again later.');
    }
    if (error instanceof TypeError) {
        return new Error('The command side cannot be reached (or refuses this origin: check '
            + 'AVIARY_CORS_ALLOWED_ORIGINS there).');
    }
    return error;
}
