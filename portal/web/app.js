// Podbay portal web app: log in (with the login node's own prompts relayed), build (steps or a
// Containerfile), images, run (login node, Apptainer, Slurm), doctor, and the live log. No framework and no inline script
// (the portal's Content-Security-Policy allows script only from itself); every value from
// the server goes into the page as text (textContent), never as HTML.
'use strict';
/* global t, translatePage, setUpLanguageChoice, Terminal */

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
    step.instruction || step.name || t('The login node asks {0}:', step.user);
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
  show(true, session.user, session.roles);
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

// --- Live log: the session's helper notifications over a WebSocket (/api/v1/events) --
let events = null;
const kMaxLogLines = 2000;
function appendLog(text, stream) {
  const log = document.getElementById('log');
  const line = document.createElement('span');
  line.textContent = text.endsWith('\n') ? text : text + '\n';
  if (stream === 'stderr') line.className = 'stderr';
  log.appendChild(line);
  while (log.childNodes.length > kMaxLogLines) log.removeChild(log.firstChild);
  log.scrollTop = log.scrollHeight;
}

function connectEvents() {
  if (events || !csrfToken) return;
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  events = new WebSocket(scheme + location.host + '/api/v1/events');
  events.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    // The helper call behind the page's current long work: what Cancel cancels.
    if (busyCount > 0 && message.call) {
      activeCall = message.call;
      document.getElementById('cancel-call').hidden = false;
    }
    if (message.type === 'log') appendLog(message.text, message.stream);
    else if (message.type === 'progress') {
      document.getElementById('live').textContent = message.message +
        (message.fraction >= 0 ? ` (${Math.round(message.fraction * 100)} %)` : '');
      appendLog(message.message, 'progress');
    }
  });
  events.addEventListener('close', () => {
    events = null;
    // Logged out: stay closed. Otherwise (a restart, a network blip) try again.
    if (csrfToken) setTimeout(connectEvents, 3000);
  });
}

function show(loggedIn, user, roles) {
  // The helper checks the role again on every lookup; this only hides a page that would refuse.
  document.getElementById('helpdesk-tab').hidden = !(loggedIn && (roles || []).includes('helpdesk'));
  document.getElementById('admin-tab').hidden = !(loggedIn && (roles || []).includes('admin'));
  document.getElementById('log-panel').hidden = !loggedIn;
  if (loggedIn) connectEvents();
  else if (events) events.close();
  // The next user of this browser does not see the last one's log.
  if (!loggedIn) {
    document.getElementById('log').replaceChildren();
    document.getElementById('live').textContent = '';
  }
  document.getElementById('login').hidden = loggedIn;
  document.getElementById('pages').hidden = !loggedIn;
  document.getElementById('logout').hidden = !loggedIn;
  document.getElementById('who').textContent = loggedIn ? user : '';
  if (loggedIn) showPage('build');
  else for (const page of document.querySelectorAll('.page')) page.hidden = true;
}

// One page at a time; each loads what it shows when it is opened.
const pageLoaders = {};
function showPage(name) {
  for (const page of document.querySelectorAll('.page')) page.hidden = page.id !== name;
  for (const button of document.querySelectorAll('#pages button')) {
    button.classList.toggle('current', button.dataset.page === name);
  }
  if (pageLoaders[name]) pageLoaders[name]();
}

function say(id, text, isError) {
  const element = document.getElementById(id);
  element.textContent = text;
  element.classList.toggle('error', Boolean(isError));
}
function problem(e) { return e.message + (e.hint ? ' — ' + e.hint : ''); }

// Long calls: the button is off and a progress bar runs until the answer; once the event
// stream names the call, Cancel (in the log's line) can stop it.
let busyCount = 0;
let activeCall = 0;
async function busy(buttonOrForm, progressId, work) {
  busyCount += 1;
  const controls = buttonOrForm.querySelectorAll ? buttonOrForm.querySelectorAll('button, input') : [buttonOrForm];
  for (const control of controls) control.disabled = true;
  const progress = progressId ? document.getElementById(progressId) : null;
  if (progress) progress.hidden = false;
  try {
    return await work();
  } finally {
    for (const control of controls) control.disabled = false;
    if (progress) progress.hidden = true;
    busyCount -= 1;
    if (busyCount === 0) {
      activeCall = 0;
      document.getElementById('cancel-call').hidden = true;
    }
  }
}

// --- Build: working containers, steps, save and push ---------------------------------
function currentContainer() { return document.getElementById('containers').value; }

async function loadContainers(select) {
  const list = document.getElementById('containers');
  try {
    const { containers } = await api('GET', '/api/v1/containers');
    list.replaceChildren();
    for (const c of containers.filter((c) => c.working)) {
      list.add(new Option(`${c.name} (${c.image}, ${c.steps} steps)`, c.name));
    }
    if (select) list.value = select;
    await loadSteps();
  } catch (e) {
    say('build-status', problem(e), true);
  }
}

async function loadSteps() {
  const body = document.getElementById('steps');
  body.replaceChildren();
  if (!currentContainer()) return;
  const history = await api('GET', '/api/v1/containers/' + encodeURIComponent(currentContainer()));
  history.steps.forEach((step, index) => addStepRow(index + 1, step.command, step.exitCode, step.output || ''));
}

function addStepRow(number, command, exitCode, output) {
  const row = document.getElementById('steps').insertRow();
  cell(row, String(number));
  cell(row, command);
  cell(row, String(exitCode), exitCode === 0 ? 'status-ok' : 'status-fail');
  const pre = document.createElement('pre');
  pre.textContent = output;
  row.insertCell().appendChild(pre);
}

// The site registry's host:port, for {registry} in the Containerfile templates.
let siteRegistry = '';
let templates = [];
async function loadTemplates() {
  if (templates.length) return;
  try {
    ({ templates } = await api('GET', '/api/v1/templates'));
    const select = document.getElementById('template');
    select.replaceChildren();
    for (const template of templates) select.add(new Option(template.title, template.id));
  } catch (e) { say('cf-status', problem(e), true); }
}
// Fills the editor from the chosen template; on page loads only when the user has not
// written anything of their own there yet.
let filledFromTemplate = '';
function fillTemplate(force) {
  const editor = document.querySelector('#containerfile-form [name=containerfile]');
  const chosen = templates.find((template) => template.id === document.getElementById('template').value);
  if (!chosen || (!force && editor.value && editor.value !== filledFromTemplate)) return;
  editor.value = chosen.text.replaceAll('{registry}', siteRegistry || 'REGISTRY');
  filledFromTemplate = editor.value;
}

async function loadBaseImages() {
  try {
    const { repositories, registry } = await api('GET', '/api/v1/registry');
    siteRegistry = registry;
    const list = document.getElementById('base-images');
    list.replaceChildren();
    for (const repo of repositories) for (const tag of repo.tags) list.appendChild(new Option(`${repo.name}:${tag.tag}`));
  } catch (e) { /* the field still takes any name */ }
}

pageLoaders.build = () => {
  loadContainers();
  // The template comes at once; the registry listing (every repository of the registry)
  // may take seconds, and brings the registry's name: the untouched template is filled again.
  loadTemplates().then(() => fillTemplate(false));
  loadBaseImages().then(() => fillTemplate(false));
};

// --- Terminal: a shell in the working container (xterm.js over /api/v1/terminal) --------
const kTerminalSize = { cols: 100, rows: 24 };
let terminalSocket = null;
function openTerminal() {
  const name = currentContainer();
  if (!name) { say('build-status', t('Start a working container first.'), true); return; }
  if (terminalSocket) terminalSocket.close();
  const box = document.getElementById('terminal');
  box.replaceChildren();
  const term = new Terminal({ ...kTerminalSize, fontFamily: 'ui-monospace, monospace', scrollback: 5000 });
  term.open(box);
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  const socket = new WebSocket(`${scheme}${location.host}/api/v1/terminal?container=${encodeURIComponent(name)}` +
    `&cols=${kTerminalSize.cols}&rows=${kTerminalSize.rows}`);
  socket.binaryType = 'arraybuffer';
  const encoder = new TextEncoder();
  socket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') term.write(new Uint8Array(event.data));
    else if (JSON.parse(event.data).type === 'exit') term.write(`\r\n${t('[session ended]')}\r\n`);
  });
  socket.addEventListener('close', (event) => {
    if (event.code !== 1000) term.write(`\r\n[${event.reason || t('connection closed')}]\r\n`);
    if (terminalSocket === socket) terminalSocket = null;
  });
  term.onData((data) => { if (socket.readyState === WebSocket.OPEN) socket.send(encoder.encode(data)); });
  term.focus();
  terminalSocket = socket;
}

// --- Images: the site registry ------------------------------------------------------
function humanSize(bytes) {
  if (bytes === undefined) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${value.toFixed(unit ? 1 : 0)} ${units[unit]}`;
}

async function loadImages() {
  const body = document.getElementById('image-rows');
  say('images-status', t('Loading…'));
  try {
    const listing = await api('GET', '/api/v1/registry');
    document.getElementById('namespace').textContent = listing.namespace + '/';
    body.replaceChildren();
    for (const repo of listing.repositories) {
      for (const tag of repo.tags) {
        const ref = `${listing.registry}/${repo.name}:${tag.tag}`;
        const row = body.insertRow();
        cell(row, `${repo.name}:${tag.tag}`);
        cell(row, humanSize(tag.size));
        cell(row, tag.created ? tag.created.replace('T', ' ').slice(0, 19) : '');
        cell(row, `podman pull ${ref}`, 'pull-line');
        const actions = row.insertCell();
        if (repo.own) {
          const remove = document.createElement('button');
          remove.textContent = t('Delete');
          remove.addEventListener('click', async () => {
            if (!window.confirm(t('Delete {0} from the registry?', `${repo.name}:${tag.tag}`))) return;
            try {
              await busy(remove, null, () => api('DELETE', '/api/v1/registry?repository=' +
                encodeURIComponent(repo.name) + '&tag=' + encodeURIComponent(tag.tag)));
              loadImages();
            } catch (e) { say('images-status', problem(e), true); }
          });
          actions.appendChild(remove);
        }
      }
    }
    say('images-status', listing.repositories.length ? '' : t('The registry is empty.'));
  } catch (e) {
    say('images-status', problem(e), true);
  }
}
pageLoaders.images = loadImages;

// --- Run: Slurm jobs with their output ----------------------------------------------
let watchedJob = 0;
let watchedOffset = 0;
let jobTimer = 0;

async function loadJobs() {
  try {
    const { jobs } = await api('GET', '/api/v1/jobs');
    const body = document.getElementById('jobs');
    body.replaceChildren();
    for (const job of jobs) {
      const row = body.insertRow();
      cell(row, String(job.jobId));
      cell(row, job.name);
      cell(row, job.state);
      cell(row, `${job.time} / ${job.timeLimit}`);
      const actions = row.insertCell();
      const watch = document.createElement('button');
      watch.textContent = t('Output');
      watch.addEventListener('click', () => watchJob(job.jobId));
      const cancel = document.createElement('button');
      cancel.textContent = t('Cancel');
      cancel.addEventListener('click', async () => {
        try { await api('DELETE', `/api/v1/jobs/${job.jobId}`); loadJobs(); } catch (e) { say('run-status', problem(e), true); }
      });
      actions.append(watch, cancel);
    }
  } catch (e) {
    say('run-status', problem(e), true);
  }
}

function watchJob(jobId) {
  watchedJob = jobId;
  watchedOffset = 0;
  document.getElementById('output-title').textContent = t('Output of job {0}', jobId);
  document.getElementById('job-output').textContent = '';
  pollOutput();
}

// New output since the last offset, every two seconds until the job has ended.
async function pollOutput() {
  const jobId = watchedJob;
  if (!jobId || document.getElementById('run').hidden) return;
  try {
    const out = await api('GET', `/api/v1/jobs/${jobId}/output?offset=${watchedOffset}`);
    if (jobId !== watchedJob) return;
    document.getElementById('job-output').textContent += out.text;
    watchedOffset = out.nextOffset;
    document.getElementById('output-title').textContent = t('Output of job {0} ({1})', jobId, out.state);
    const ended = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'OUT_OF_MEMORY', 'NODE_FAIL'].includes(out.state);
    if (!ended) setTimeout(pollOutput, 2000);
    else loadJobs();
  } catch (e) {
    // No output file yet: the job has not started.
    if (jobId === watchedJob) setTimeout(pollOutput, 2000);
  }
}

pageLoaders.run = () => {
  loadJobs();
  clearInterval(jobTimer);
  jobTimer = setInterval(() => { if (!document.getElementById('run').hidden) loadJobs(); }, 10000);
};
pageLoaders.doctor = () => runDoctor();
pageLoaders.admin = loadAdmin;

function jobOf(form) {
  const job = { image: form.image.value, command: form.command.value, time: form.time.value,
    cpus: Number(form.cpus.value) };
  if (form.memory.value) job.memory = form.memory.value;
  return job;
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
}

function showChecks(bodyId, report) {
  const body = document.getElementById(bodyId);
  body.replaceChildren();
  for (const check of report.checks) {
    const row = body.insertRow();
    cell(row, check.title);
    cell(row, check.status, 'status-' + check.status);
    cell(row, check.detail);
    cell(row, check.remedy);
  }
}

async function runDoctor() {
  const summary = document.getElementById('doctor-summary');
  summary.textContent = t('Checking…');
  try {
    const report = await api('GET', '/api/v1/doctor');
    showChecks('checks', report);
    summary.textContent = report.status === 'ok' ? t('All checks passed.') : t('Some checks need attention.');
  } catch (error) {
    summary.textContent = problem(error);
  }
}

// A plain-text report for a ticket: one line per check, remedies with the failures.
function reportText(report) {
  const lines = [`Podbay doctor for ${report.user}: ${report.status}`];
  for (const check of report.checks) {
    lines.push(`- ${check.title}: ${check.status}${check.detail ? ' — ' + check.detail : ''}`);
    if (check.status !== 'ok' && check.remedy) lines.push(`  what to do: ${check.remedy}`);
  }
  return lines.join('\n');
}

async function lookUp(form) {
  const summary = document.getElementById('helpdesk-summary');
  const report = document.getElementById('helpdesk-report');
  document.getElementById('helpdesk-checks').replaceChildren();
  report.hidden = true;
  say('helpdesk-summary', t('Looking up {0}…', form.user.value));
  try {
    const result = await busy(form, 'helpdesk-busy', () =>
      api('GET', '/api/v1/helpdesk/doctor?user=' + encodeURIComponent(form.user.value)));
    showChecks('helpdesk-checks', result);
    summary.textContent = result.status === 'ok' ? t('All checks pass for {0}.', result.user)
      : t('{0}: some checks need attention.', result.user);
    report.value = reportText(result);
    report.hidden = false;
  } catch (e) { say('helpdesk-summary', problem(e), true); }
}

// --- Admin: the setup parts, a plan with its diffs, then Apply ---------------------------
// The same reports as the desktop's Admin page (docs/protocol.md, "Admin commands as
// methods"); the portal applies only the plan this page was shown (POST .../apply names it).
const partTitles = {
  subids: t('Subordinate ids'), storage: t('Podman storage'), 'docker-alias': t('docker alias'),
  ldap: t('LDAP server order'), registry: t('Site registry'), nvidia: t('NVIDIA GPUs (CDI)'),
  'prune-timer': t('Daily prune timer'), setup: t('Every configured part'), prune: t('Prune old containers'),
};
const stateWords = {
  'in-sync': t('In sync'), drift: t('Drift'), 'not-configured': t('Not configured'), blocked: t('Blocked'),
  error: t('Error'), 'would-change': t('Would change'), changed: t('Changed'),
};
const stateLights = { 'in-sync': 'ok', drift: 'warn', blocked: 'fail', error: 'fail' };
function partTitle(name) { return partTitles[name] || name; }
function stateWord(state) { return stateWords[state] || state; }

let adminHost = '';
let adminPlan = null; // {method, part} of the plan shown, until it is applied or the form changes

async function loadAdmin() {
  say('admin-status', t('Reading the state of the login node…'));
  try {
    const status = await api('GET', '/api/v1/admin/status');
    adminHost = status.host || '';
    document.getElementById('admin-host').textContent = t('Login node {0}', adminHost);
    const body = document.getElementById('admin-parts');
    body.replaceChildren();
    const select = document.getElementById('admin-part');
    const chosen = select.value;
    select.replaceChildren();
    for (const part of status.parts || []) {
      const row = body.insertRow();
      let shown = stateWord(part.state);
      if (part.name === 'docker-alias' && status.dockerAlias) {
        shown += status.dockerAlias.enabled ? t(' (on)') : t(' (off)');
      }
      cell(row, partTitle(part.name));
      cell(row, shown, 'status-' + (stateLights[part.state] || 'none'));
      cell(row, part.describe || '');
      select.add(new Option(partTitle(part.name), part.name));
    }
    select.add(new Option(partTitle('setup'), 'setup'));
    select.add(new Option(partTitle('prune'), 'prune'));
    if (chosen) select.value = chosen;
    adminFormChanged();
    say('admin-status', t('State of {0} read.', adminHost));
  } catch (e) { say('admin-status', problem(e), true); }
}

function adminFormChanged() {
  const part = document.getElementById('admin-part').value;
  for (const label of document.querySelectorAll('#admin-form [data-part]')) label.hidden = label.dataset.part !== part;
  // A plan holds for the parameters it was made with.
  adminPlan = null;
  document.getElementById('admin-confirm').hidden = true;
}

// A report as headings, lists and coloured unified diffs; every text through textContent.
function renderReport(root, report) {
  const add = (tag, text, className) => {
    const element = document.createElement(tag);
    if (text !== undefined) element.textContent = text;
    if (className) element.className = className;
    root.append(element);
    return element;
  };
  const list = (title, items) => {
    const strings = (items || []).filter((item) => typeof item === 'string');
    if (!strings.length) return;
    add('p', title);
    const ul = add('ul');
    for (const item of strings) { const li = document.createElement('li'); li.textContent = item; ul.append(li); }
  };
  const diff = (text) => {
    const pre = add('pre', undefined, 'diff');
    for (const line of text.replace(/\n$/, '').split('\n')) {
      const span = document.createElement('span');
      span.textContent = line + '\n';
      if (line.startsWith('+++') || line.startsWith('---')) span.className = 'diff-file';
      else if (line.startsWith('+')) span.className = 'diff-add';
      else if (line.startsWith('-')) span.className = 'diff-del';
      else if (line.startsWith('@@')) span.className = 'diff-hunk';
      pre.append(span);
    }
  };
  const walk = (object) => {
    if (!object || typeof object !== 'object') return;
    if (typeof object.name === 'string' && typeof object.state === 'string') {
      add('h4', partTitle(object.name) + ': ' + stateWord(object.state));
    }
    if (object.error) list(t('Error'), [(object.error.message || '') + ' ' + (object.error.hint || '')]);
    if (typeof object.blocked === 'string') list(t('Blocked'), [object.blocked]);
    list(t('Actions'), object.actions);
    list(t('Drift'), object.drift);
    for (const argv of [object.wouldRun, object.useradd]) if (Array.isArray(argv) && argv.length) list(t('Would run'), [argv.join(' ')]);
    list(t('Commands to run by hand'), object.commands);
    for (const file of object.files || []) {
      if (!file.diff) continue; // an unchanged file has an empty diff
      add('h4', (file.action ? file.action + ' ' : '') + file.path);
      diff(file.diff);
    }
    for (const part of object.parts || []) walk(part);
    for (const user of object.users || []) {
      const containers = ((user.containers || {}).selected || []).map((c) => c.name);
      const images = ((user.images || {}).selected || []).map((i) => (i.names || []).join(', ') || String(i.id).slice(0, 12));
      if (!containers.length && !images.length) continue;
      add('h4', user.user);
      list(t('Containers'), containers);
      list(t('Images'), images);
    }
    walk(object.account);
    walk(object.packages);
    list(t('Notes'), object.notes);
    list(t('Warnings'), [...(object.warnings || []), ...(object.config_warnings || [])]);
  };
  root.replaceChildren();
  if (typeof report.changed === 'boolean') {
    add('p', report.changed ? (report.dryRun ? t('Changes planned:') : t('Changed:')) : t('No change: the node already matches.'));
  }
  walk(report);
}

async function planAdmin(form) {
  const part = form.part.value;
  const params = {};
  for (const name of ['path', 'storage', 'listen', 'olderThan']) params[name] = form[name].value;
  adminFormChanged();
  say('admin-status', t('Planning…'));
  try {
    const result = await busy(form, 'admin-busy', () => api('POST', '/api/v1/admin/plan',
      { part, enableAlias: form.alias.value === 'enable', params }));
    const report = document.getElementById('admin-report');
    renderReport(report, result.plan);
    report.prepend(Object.assign(document.createElement('h3'), { textContent: t('Plan: {0} on {1}', result.method, result.host) }));
    adminPlan = { method: result.method, host: result.host };
    document.getElementById('admin-confirm-text').textContent =
      t('Apply {0} on the login node {1}? This changes {1} as the plan shows.', result.method, result.host);
    document.getElementById('admin-confirm').hidden = false;
    say('admin-status', t('Planned {0}: nothing is written until you apply it.', result.method));
  } catch (e) { say('admin-status', problem(e), true); }
}

async function applyAdmin(button) {
  if (!adminPlan) return;
  const { method, host } = adminPlan;
  say('admin-status', t('Applying {0}…', method));
  try {
    const result = await busy(button, 'admin-busy', () => api('POST', '/api/v1/admin/apply', { method }));
    adminPlan = null;
    document.getElementById('admin-confirm').hidden = true;
    const report = document.getElementById('admin-report');
    renderReport(report, result.applied);
    report.prepend(Object.assign(document.createElement('h3'), { textContent: t('Applied: {0} on {1}', method, host) }));
    await loadAdmin();
    say('admin-status', t('Applied {0} on {1}.', method, host));
  } catch (e) { say('admin-status', problem(e), true); }
}

document.addEventListener('DOMContentLoaded', async () => {
  translatePage(document.body);
  setUpLanguageChoice(document.getElementById('language'));
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
  document.getElementById('admin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    planAdmin(event.target);
  });
  document.getElementById('admin-form').addEventListener('change', adminFormChanged);
  document.getElementById('admin-refresh').addEventListener('click', loadAdmin);
  document.getElementById('admin-apply').addEventListener('click', (event) => applyAdmin(event.target));
  document.getElementById('helpdesk-form').addEventListener('submit', (event) => {
    event.preventDefault();
    lookUp(event.target);
  });
  for (const button of document.querySelectorAll('#pages button')) {
    button.addEventListener('click', () => showPage(button.dataset.page));
  }
  document.getElementById('containers').addEventListener('change', () => loadSteps());
  document.getElementById('create-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    say('build-status', t('Starting {0} from {1}…', form.name.value, form.image.value));
    try {
      const name = form.name.value;
      await busy(form, null, () => api('POST', '/api/v1/containers', { image: form.image.value, name }));
      await loadContainers(name);
      say('build-status', t('{0} is ready: add steps below.', name));
    } catch (e) { say('build-status', problem(e), true); }
  });
  document.getElementById('step-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    if (!currentContainer()) { say('build-status', t('Start a working container first.'), true); return; }
    say('build-status', t('Running: {0}', form.command.value));
    try {
      const result = await busy(form, 'step-busy', () => api('POST', '/api/v1/containers/' +
        encodeURIComponent(currentContainer()) + '/steps', { command: form.command.value }));
      addStepRow(result.step, form.command.value, result.exitCode, result.output);
      say('build-status', result.exitCode === 0 ? t('The step succeeded.') : t('The step failed (exit code {0}).', result.exitCode),
        result.exitCode !== 0);
      form.command.value = '';
    } catch (e) { say('build-status', problem(e), true); }
  });
  document.getElementById('publish-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    if (!currentContainer()) { say('build-status', t('Start a working container first.'), true); return; }
    say('build-status', t('Saving and pushing… (this can take minutes for large images)'));
    try {
      const result = await busy(form, 'publish-busy', () => api('POST', '/api/v1/containers/' +
        encodeURIComponent(currentContainer()) + '/publish', { name: form.name.value, tag: form.tag.value }));
      say('build-status', t('Pushed {0}', result.image));
      for (const selector of ['#job-form', '#podman-form', '#apptainer-form']) {
        document.querySelector(selector + ' [name=image]').value = result.image;
      }
    } catch (e) { say('build-status', problem(e), true); }
  });
  document.getElementById('remove-container').addEventListener('click', async (event) => {
    const name = currentContainer();
    if (!name || !window.confirm(t('Remove the working container {0}? Steps not pushed are lost.', name))) return;
    try {
      await busy(event.target, null, () => api('DELETE', '/api/v1/containers/' + encodeURIComponent(name)));
      say('build-status', t('Removed {0}.', name));
      loadContainers();
    } catch (e) { say('build-status', problem(e), true); }
  });
  document.getElementById('template').addEventListener('change', () => fillTemplate(true));
  document.getElementById('open-terminal').addEventListener('click', openTerminal);
  document.getElementById('containerfile-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const body = { containerfile: form.containerfile.value, name: form.name.value, tag: form.tag.value,
      push: form.push.checked };
    say('cf-status', t("Building {0}… (the log below shows podman's output)", `${form.name.value}:${form.tag.value}`));
    document.getElementById('cf-result').textContent = '';
    document.getElementById('log-panel').open = true;
    try {
      const built = await busy(form, 'cf-busy', () => api('POST', '/api/v1/images/build', body));
      say('cf-status', built.pushed ? t('Built and pushed {0}', built.image) : t('Built {0} (on the login node only)', built.image));
      if (built.run) {
        document.getElementById('cf-result').textContent =
          `${built.run.podman}\n${built.run.apptainerPull}\n${built.run.apptainerExec}`;
      }
      for (const selector of ['#job-form', '#podman-form', '#apptainer-form']) {
        document.querySelector(selector + ' [name=image]').value = built.image;
      }
    } catch (e) { say('cf-status', problem(e), true); }
  });
  document.getElementById('podman-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    // An argv, no shell (run.podman): words split on spaces; use sh -c '...' for more.
    const words = form.command.value.trim() ? form.command.value.trim().split(/\s+/) : [];
    const body = { image: form.image.value, gpu: form.gpu.checked };
    if (words.length) body.command = words;
    const out = document.getElementById('podman-output');
    out.textContent = '';
    try {
      const ran = await busy(form, 'podman-busy', () => api('POST', '/api/v1/runs/podman', body));
      out.textContent = ran.output + '\n' +
        (ran.truncated ? t('(exit code {0}, output truncated)', ran.exitCode) : t('(exit code {0})', ran.exitCode));
    } catch (e) { out.textContent = problem(e); }
  });
  document.getElementById('apptainer-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const out = document.getElementById('apptainer-output');
    out.textContent = '';
    try {
      const pull = await busy(form, 'apptainer-busy', () => api('POST', '/api/v1/runs/apptainer',
        { image: form.image.value, directory: form.directory.value, dryRun: form.dryRun.checked }));
      out.textContent = t(pull.ran ? 'Pulled: {0}\nThen run: {1}' : 'To pull: {0}\nThen run: {1}', pull.argv.join(' '), pull.exec);
    } catch (e) { out.textContent = problem(e); }
  });
  document.getElementById('show-script').addEventListener('click', async () => {
    const form = document.getElementById('job-form');
    try {
      const { script } = await api('POST', '/api/v1/jobs/script', jobOf(form));
      document.getElementById('job-script').textContent = script;
    } catch (e) { say('run-status', problem(e), true); }
  });
  document.getElementById('cancel-call').addEventListener('click', async (event) => {
    event.preventDefault(); // a button in <summary>: not a toggle of the log
    if (!activeCall) return;
    try { await api('DELETE', `/api/v1/calls/${activeCall}`); } catch (e) { appendLog(problem(e), 'stderr'); }
  });
  document.getElementById('clear-log').addEventListener('click', () => {
    document.getElementById('log').replaceChildren();
    document.getElementById('live').textContent = '';
  });
  document.getElementById('refresh-images').addEventListener('click', loadImages);
  document.getElementById('job-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const job = jobOf(form);
    try {
      const result = await busy(form, null, () => api('POST', '/api/v1/jobs', job));
      say('run-status', t('Submitted job {0}.', result.jobId));
      await loadJobs();
      watchJob(result.jobId);
    } catch (e) { say('run-status', problem(e), true); }
  });
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api('DELETE', '/api/v1/session'); } finally { csrfToken = ''; show(false, ''); }
  });
  // Already logged in (a reload): the session tells who, and its CSRF token.
  try {
    const session = await api('GET', '/api/v1/session');
    csrfToken = session.csrfToken;
    show(true, session.user, session.roles);
  } catch (e) {
    show(false, '');
  }
});
