// Podbay portal web app: log in (with the login node's own prompts relayed), then the doctor. No framework and no inline script
// (the portal's Content-Security-Policy allows script only from itself); every value from
// the server goes into the page as text (textContent), never as HTML.
'use strict';

let csrfToken = '';

async function api(method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? {} : await response.json();
  if (!response.ok) {
    const error = new Error(data.detail || response.statusText);
    error.hint = data.hint || '';
    throw error;
  }
  data.httpStatus = response.status;
  return data;
}

// The login node asks something (202: a one-time code, or the password when none was
// typed): one field per prompt, hidden unless the node says it may be shown.
let loginId = '';
function showChallenge(step) {
  loginId = step.login;
  document.getElementById('login-form').hidden = true;
  const form = document.getElementById('challenge-form');
  form.hidden = false;
  document.getElementById('challenge-instruction').textContent =
    step.instruction || step.name || `The login node asks ${step.user}:`;
  const fields = document.getElementById('challenge-prompts');
  fields.replaceChildren();
  step.prompts.forEach((prompt, index) => {
    const label = document.createElement('label');
    label.textContent = prompt.text + ' ';
    const input = document.createElement('input');
    input.name = 'answer' + index;
    input.type = prompt.echo ? 'text' : 'password';
    input.autocomplete = 'one-time-code';
    label.appendChild(input);
    fields.appendChild(label);
  });
  const first = fields.querySelector('input');
  if (first) first.focus();
}

function loggedIn(session) {
  loginId = '';
  document.getElementById('challenge-form').hidden = true;
  document.getElementById('login-form').hidden = false;
  csrfToken = session.csrfToken;
  show(true, session.user);
  runDoctor();
}

async function loginStep(path, body) {
  const error = document.getElementById('login-error');
  error.textContent = '';
  try {
    const step = await api('POST', path, body);
    if (step.httpStatus === 202) showChallenge(step);
    else loggedIn(step);
  } catch (e) {
    loginId = '';
    document.getElementById('challenge-form').hidden = true;
    document.getElementById('login-form').hidden = false;
    error.textContent = e.message + (e.hint ? ' — ' + e.hint : '');
  }
}

function show(loggedIn, user) {
  document.getElementById('login').hidden = loggedIn;
  document.getElementById('doctor').hidden = !loggedIn;
  document.getElementById('logout').hidden = !loggedIn;
  document.getElementById('who').textContent = loggedIn ? user : '';
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
}

async function runDoctor() {
  const summary = document.getElementById('doctor-summary');
  summary.textContent = 'Checking…';
  try {
    const report = await api('GET', '/api/v1/doctor');
    const body = document.getElementById('checks');
    body.replaceChildren();
    for (const check of report.checks) {
      const row = body.insertRow();
      cell(row, check.title);
      cell(row, check.status, 'status-' + check.status);
      cell(row, check.detail);
      cell(row, check.remedy);
    }
    summary.textContent = report.status === 'ok' ? 'All checks passed.' : 'Some checks need attention.';
  } catch (error) {
    summary.textContent = error.message + (error.hint ? ' — ' + error.hint : '');
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  document.getElementById('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const body = { user: form.user.value };
    if (form.password.value) body.password = form.password.value;
    form.password.value = '';
    await loginStep('/api/v1/session', body);
  });
  document.getElementById('challenge-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const inputs = [...document.querySelectorAll('#challenge-prompts input')];
    const answers = inputs.map((input) => input.value);
    inputs.forEach((input) => { input.value = ''; });
    await loginStep('/api/v1/session/challenge', { login: loginId, answers });
  });
  document.getElementById('run-doctor').addEventListener('click', runDoctor);
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api('DELETE', '/api/v1/session'); } finally { csrfToken = ''; show(false, ''); }
  });
  // Already logged in (a reload): the session tells who, and its CSRF token.
  try {
    const session = await api('GET', '/api/v1/session');
    csrfToken = session.csrfToken;
    show(true, session.user);
  } catch (e) {
    show(false, '');
  }
});
