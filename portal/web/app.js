// Podbay portal web app: log in, then the doctor. No framework and no inline script
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
  return data;
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
    const error = document.getElementById('login-error');
    error.textContent = '';
    try {
      const session = await api('POST', '/api/v1/session',
                                { user: form.user.value, password: form.password.value });
      form.password.value = '';
      csrfToken = session.csrfToken;
      show(true, session.user);
      runDoctor();
    } catch (e) {
      error.textContent = e.message + (e.hint ? ' — ' + e.hint : '');
    }
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
