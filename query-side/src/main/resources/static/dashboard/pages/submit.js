// Submit a task to the command side; on 202 the task's page follows it live.
import {command, query} from '../api.js';
import {errorBox, h} from '../dom.js';

export function mount(el, {ctx}) {
    const types = h('datalist', {id: 'task-types'});
    const type = h('input', {name: 'type', id: 'submit-type', list: 'task-types', required: true,
        placeholder: 'e.g. sleep', autocomplete: 'off'});
    const payload = h('textarea', {name: 'payload', id: 'submit-payload', rows: 6, spellcheck: 'false'});
    payload.value = '{}';
    const priority = h('input', {name: 'priority', id: 'submit-priority', type: 'number', value: '0'});
    const maxAttempts = h('input', {name: 'maxAttempts', id: 'submit-max-attempts', type: 'number', min: '1',
        value: '3'});
    const timeoutMs = h('input', {name: 'timeoutMs', id: 'submit-timeout', type: 'number', min: '1',
        value: '60000'});
    const key = h('input', {name: 'idempotencyKey', id: 'submit-key', placeholder: 'optional'});
    const messages = h('div', {id: 'submit-messages'});
    const button = h('button', {type: 'submit', id: 'submit-button'}, 'Submit task');
    const form = h('form', {class: 'card form', id: 'submit-form'},
        h('label', {for: 'submit-type'}, 'Type'), type, types,
        h('label', {for: 'submit-payload'}, 'Payload (a JSON object)'), payload,
        h('div', {class: 'row'},
            h('div', {}, h('label', {for: 'submit-priority'}, 'Priority'), priority),
            h('div', {}, h('label', {for: 'submit-max-attempts'}, 'Max attempts'), maxAttempts),
            h('div', {}, h('label', {for: 'submit-timeout'}, 'Timeout (ms)'), timeoutMs)),
        h('label', {for: 'submit-key'}, 'Idempotency key'), key,
        messages, button);
    el.append(h('div', {class: 'page-head'}, h('h1', {}, 'Submit a task')), form);

    // suggest the types the fleet accepts
    query('/api/v1/workers', {size: 500}).then(page => {
        const names = [...new Set(page.items.flatMap(w => w.taskTypes))].sort();
        types.replaceChildren(...names.map(name => h('option', {value: name})));
    }).catch(() => undefined);

    form.addEventListener('submit', async event => {
        event.preventDefault();
        messages.replaceChildren();
        let body;
        try {
            body = JSON.parse(payload.value || '{}');
        } catch (e) {
            messages.replaceChildren(errorBox(new Error(`The payload is not valid JSON: ${e.message}`)));
            return;
        }
        if (body === null || typeof body !== 'object' || Array.isArray(body)) {
            messages.replaceChildren(errorBox(new Error('The payload must be a JSON object.')));
            return;
        }
        button.disabled = true;
        try {
            const answer = await command('POST', '/api/v1/tasks', {
                type: type.value.trim(),
                payload: body,
                priority: Number(priority.value || 0),
                maxAttempts: Number(maxAttempts.value || 3),
                timeoutMs: Number(timeoutMs.value || 60000),
                idempotencyKey: key.value.trim() || undefined,
            });
            ctx.navigate(`/tasks/${answer.taskId}`);
        } catch (error) {
            messages.replaceChildren(errorBox(error));
            button.disabled = false;
        }
    });
    type.focus();
    return {};
}
