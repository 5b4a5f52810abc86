'use strict';
// The test client's page. Everything it shows goes in through textContent or a form control's value: nothing a
// service returns, nor any name, is ever parsed as HTML.
(function () {
  const $ = (id) => document.getElementById(id);
  let services = [];
  let service = null;
  let operation = null;

  function el(tag, attributes, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) {
      e.setAttribute(k, v);
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  async function load() {
    const r = await fetch('api/services', { headers: { Accept: 'application/json' } });
    if (!r.ok) {
      $('status').textContent = 'cannot load the services: HTTP ' + r.status;
      return;
    }
    services = (await r.json()).services;
    $('service').replaceChildren(...services.map((s, i) => el('option', { value: String(i) }, s.name + ' (' + s.contract + ')')));
    $('status').textContent = services.length + ' service(s)';
    chooseService(0);
  }

  function chooseService(i) {
    service = services[i];
    if (!service) {
      return;
    }
    $('endpoint').replaceChildren(...service.endpoints.map((e) => {
      const o = el('option', { value: e.name }, e.name + ' — ' + e.binding + ' ' + e.address);
      if (!e.callable) {
        o.disabled = true;
        o.title = e.notCallable;
      }
      return o;
    }));
    const firstCallable = service.endpoints.find((e) => e.callable);
    if (firstCallable) {
      $('endpoint').value = firstCallable.name;
    }
    showEndpointNote();
    $('operations').replaceChildren(...service.operations.map((op) => {
      const b = el('button', { type: 'button', 'data-operation': op.name }, op.name + (op.oneWay ? ' (one-way)' : ''));
      b.addEventListener('click', () => chooseOperation(op, b));
      return el('li', {}, undefined).appendChild(b).parentNode;
    }));
    $('call').hidden = true;
  }

  function showEndpointNote() {
    const notes = [];
    const chosen = service.endpoints.find((e) => e.name === $('endpoint').value);
    if (chosen && chosen.signedBy) {
      notes.push('Calls to ' + chosen.name + ' are signed with the test client\'s certificate (' + chosen.signedBy
        + '): it is the caller, and the credentials below are not sent.');
    }
    const skipped = service.endpoints.filter((e) => !e.callable);
    if (skipped.length) {
      notes.push('Not called from here: ' + skipped.map((e) => e.name + ' (' + e.notCallable + ')').join('; '));
    }
    $('endpoint-note').textContent = notes.join(' ');
  }

  function chooseOperation(op, button) {
    operation = op;
    for (const b of $('operations').querySelectorAll('button')) {
      b.classList.toggle('selected', b === button);
    }
    $('operation-name').textContent = op.name;
    $('parameters').replaceChildren(...op.parameters.map((p) => field(p.name, p.name, p.type, 0)));
    $('response').hidden = true;
    $('call').hidden = false;
  }

  // One input for a value of a type; objects and lists nest. data-path names the value, data-kind its type.
  function field(label, path, type, depth) {
    const resolved = type.ref ? Object.assign({ ref: type.ref }, service.types[type.ref]) : type;
    const box = el('div', { class: 'field' });
    if (resolved.kind === 'object' && depth < 8) {
      const set = el('fieldset', { 'data-path': path, 'data-kind': 'object' });
      set.appendChild(el('legend', {}, label + ' (' + resolved.ref + ')'));
      for (const f of resolved.fields) {
        set.appendChild(field(f.name, path + '.' + f.name, f.type, depth + 1));
      }
      box.appendChild(set);
      return box;
    }
    if (resolved.kind === 'list' && depth < 8) {
      const set = el('fieldset', { 'data-path': path, 'data-kind': 'list' });
      set.appendChild(el('legend', {}, label + ' (list)'));
      const items = el('div', {});
      const add = el('button', { type: 'button', 'data-add': path }, 'add');
      add.addEventListener('click', () => {
        const item = field('item', path + '[]', resolved.items, depth + 1);
        const remove = el('button', { type: 'button' }, 'remove');
        remove.addEventListener('click', () => item.remove());
        item.appendChild(remove);
        items.appendChild(item);
      });
      set.append(items, add);
      box.appendChild(set);
      return box;
    }
    box.appendChild(el('label', { for: 'p-' + path }, label + ' '));
    let input;
    if (resolved.kind === 'boolean') {
      input = el('input', { type: 'checkbox' });
    } else if (resolved.kind === 'enum') {
      input = el('select', {});
      input.append(el('option', { value: '' }, ''), ...resolved.values.map((v) => el('option', { value: v }, v)));
    } else if (resolved.kind === 'any') {
      input = el('textarea', { placeholder: 'JSON' });
    } else {
      const hints = { integer: 'a whole number', decimal: 'e.g. 10.00', number: 'a number', 'date-time': '2026-01-31T12:00:00Z',
        date: '2026-01-31', string: '' };
      input = el('input', { type: 'text', placeholder: hints[resolved.kind] || '' });
    }
    input.id = 'p-' + path;
    input.setAttribute('data-path', path);
    input.setAttribute('data-kind', resolved.kind);
    input.setAttribute('name', path);
    box.appendChild(input);
    box.appendChild(el('small', {}, ' ' + resolved.kind));
    return box;
  }

  // The value of one field, as JSON for the invoke endpoint: numbers and decimals go as the text typed (the host reads
  // them exactly, as their parameter's type); an empty field is left out.
  function value(node) {
    const kind = node.getAttribute('data-kind');
    if (kind === 'object') {
      const out = {};
      let any = false;
      for (const child of node.querySelectorAll(':scope > .field > [data-path]')) {
        const v = value(child);
        if (v !== undefined) {
          out[child.getAttribute('data-path').split('.').pop()] = v;
          any = true;
        }
      }
      return any ? out : undefined;
    }
    if (kind === 'list') {
      const out = [];
      for (const child of node.querySelectorAll(':scope > div > .field > [data-path]')) {
        const v = value(child);
        if (v !== undefined) {
          out.push(v);
        }
      }
      return out;
    }
    if (kind === 'boolean') {
      return node.checked;
    }
    const text = node.value;
    if (text === '') {
      return undefined;
    }
    if (kind === 'any') {
      return JSON.parse(text);
    }
    return text;
  }

  async function invoke(event) {
    event.preventDefault();
    const args = {};
    for (const p of $('parameters').querySelectorAll(':scope > .field > [data-path]')) {
      const v = value(p);
      if (v !== undefined) {
        args[p.getAttribute('data-path')] = v;
      }
    }
    const credentials = { user: $('user').value, password: $('password').value, token: $('token').value };
    $('invoke').disabled = true;
    try {
      const r = await fetch('api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ service: service.name, endpoint: $('endpoint').value, operation: operation.name, arguments: args, credentials }),
      });
      show(r.ok ? await r.json() : { outcome: 'refused', problem: await r.json() });
    } finally {
      $('invoke').disabled = false;
    }
  }

  function show(answer) {
    $('response').hidden = false;
    // how many answers the page has shown: a script driving the page waits for the next one
    $('response').dataset.answers = String(Number($('response').dataset.answers || 0) + 1);
    $('outcome').className = answer.outcome;
    $('outcome').textContent = answer.outcome;
    $('millis').textContent = answer.millis !== undefined ? answer.millis.toFixed(1) + ' ms' : '';
    $('via').textContent = answer.binding ? 'over ' + answer.binding + ' to ' + answer.address : '';
    $('fault-name').textContent = answer.outcome === 'fault' ? answer.fault.name + ': ' + answer.fault.message
      : answer.outcome === 'error' ? answer.error.code + ': ' + answer.error.message
        : answer.outcome === 'refused' ? answer.problem.detail : '';
    const shown = answer.outcome === 'reply' ? answer.result : answer.outcome === 'fault' ? answer.fault.detail : undefined;
    $('result').textContent = shown === undefined ? '' : JSON.stringify(shown, null, 2);
    $('cli').textContent = answer.cli || '';
    // what the binding's client sent and received, as text (CBOR frames decoded to JSON)
    const wire = $('wire');
    wire.replaceChildren();
    (answer.wire || []).forEach((m) => {
      const head = m.direction + ' · ' + m.kind + (m.contentType ? ' · ' + m.contentType : '')
        + (m.length >= 0 ? ' · ' + m.length + ' bytes' : '');
      wire.append(el('p', { class: 'wire-' + m.direction }, head), el('pre', { class: 'wire-message' }, m.text));
    });
    $('copy-section').hidden = !answer.copy;
    $('copy-title').textContent = answer.copy && answer.copy.startsWith('grpcurl') ? 'As grpcurl' : 'As curl';
    $('copy').textContent = answer.copy || '';
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('service').addEventListener('change', (e) => chooseService(Number(e.target.value)));
    $('endpoint').addEventListener('change', showEndpointNote);
    $('form').addEventListener('submit', invoke);
    $('copy-cli').addEventListener('click', () => navigator.clipboard && navigator.clipboard.writeText($('cli').textContent));
    $('copy-copy').addEventListener('click', () => navigator.clipboard && navigator.clipboard.writeText($('copy').textContent));
    load().catch((e) => { $('status').textContent = 'cannot load the services: ' + e; });
  });
}());
