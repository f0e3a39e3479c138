// The portal's web app in a real browser: playwright-core driving Debian's Chromium
// (never a downloaded browser), against a podbay-portal started here on the local login
// node. Logs in with a password and sees the doctor, logs out, logs in again answering the
// login node's own prompt (keyboard-interactive relay), and checks that the page raised no
// errors (the CSP forbids inline script: a violation would show up here).
//   node tests/browser/portal.mjs PORTAL_BINARY [SCREENSHOT_DIR]
// Needs the login node's environment (eval "$(scripts/loginnode env)").
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [portalBinary, screenshotDir] = process.argv.slice(2);
const env = process.env;
for (const name of ['PODBAY_SSH_HOST', 'PODBAY_SSH_PORT', 'PODBAY_KNOWN_HOSTS', 'PODBAY_HELPER', 'PODBAY_ALICE',
                    'PODBAY_ALICE_PASSWORD']) {
  if (!env[name]) {
    console.error(`FAIL: ${name} is not set: run with the login node's environment (scripts/loginnode env)`);
    process.exit(1);
  }
}
if (!portalBinary) {
  console.error('usage: node portal.mjs PORTAL_BINARY [SCREENSHOT_DIR]');
  process.exit(2);
}

let failed = false;
function check(ok, what) {
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
  if (!ok) failed = true;
}

// The portal on a free port of its own choosing (--listen 127.0.0.1:0), read from its
// first line of output.
const portal = spawn(portalBinary, ['--login-node', `${env.PODBAY_SSH_HOST}:${env.PODBAY_SSH_PORT}`,
  '--listen', '127.0.0.1:0', '--known-hosts', env.PODBAY_KNOWN_HOSTS, '--helper', env.PODBAY_HELPER],
{ stdio: ['ignore', 'pipe', 'inherit'] });
// Whatever happens below, the portal does not outlive this script.
process.on('exit', () => portal.kill('SIGTERM'));
const [firstLine] = await Promise.race([
  once(portal.stdout, 'data'),
  new Promise((_, reject) => setTimeout(() => reject(new Error('the portal did not start in 20 s')), 20000)),
]);
const base = /http:\/\/[0-9.]+:\d+\//.exec(firstLine.toString())[0];
console.log(`portal at ${base}`);

// playwright gives the browser a new empty profile of its own (platform.md's flags).
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 750 } });
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Every console error counts, but the 401 of the page's "am I logged in?" probe
  // (GET /api/v1/session before logging in), which is the API's answer by design.
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/status of 401/.test(message.text()) && /\/api\/v1\/session$/.test(message.location().url)) return;
    problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  const shot = async (name) => { if (screenshotDir) await page.screenshot({ path: join(screenshotDir, name) }); };

  await page.goto(base);
  check(await page.isVisible('#login-form'), 'the login form is shown');
  await shot('portal-login.png');

  // A password login, then the doctor.
  await page.fill('input[name=user]', env.PODBAY_ALICE);
  await page.fill('input[name=password]', env.PODBAY_ALICE_PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#doctor:not([hidden])', { timeout: 30000 });
  check((await page.textContent('#who')) === env.PODBAY_ALICE, 'the header names the user');
  // (waitForFunction would evaluate a string in the page, which the CSP rightly forbids.)
  await page.locator('#checks tr').nth(5).waitFor({ timeout: 60000 });
  check((await page.textContent('#doctor-summary')).includes('All checks passed'), "alice's doctor passes");
  await shot('portal-doctor.png');
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'podbay_session');
  check(session && session.httpOnly && session.sameSite === 'Strict', 'the session cookie is HttpOnly and SameSite=Strict');
  check(!(await page.evaluate(() => document.cookie)).includes('podbay_session'), 'script cannot read the session cookie');

  await page.click('#logout');
  await page.waitForSelector('#login-form:not([hidden])');
  check(!(await page.isVisible('#doctor')), 'logged out: the doctor is hidden');

  // No password: the login node's prompt comes to the page, and the answer logs in.
  await page.fill('input[name=user]', env.PODBAY_ALICE);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#challenge-form:not([hidden])', { timeout: 30000 });
  const prompt = await page.textContent('#challenge-prompts label');
  check(/assword/.test(prompt), `the node's prompt is shown ("${prompt.trim()}")`);
  check((await page.getAttribute('#challenge-prompts input', 'type')) === 'password', 'the answer is hidden as it is typed');
  await shot('portal-challenge.png');
  await page.fill('#challenge-prompts input', env.PODBAY_ALICE_PASSWORD);
  await page.click('#challenge-form button[type=submit]');
  await page.waitForSelector('#doctor:not([hidden])', { timeout: 30000 });
  check(true, 'logged in by answering the prompt');

  // A reload keeps the session (the cookie), without asking again.
  await page.reload();
  await page.waitForSelector('#doctor:not([hidden])', { timeout: 10000 });
  check((await page.textContent('#who')) === env.PODBAY_ALICE, 'a reload keeps the session');
  await page.click('#logout');
  await page.waitForSelector('#login-form:not([hidden])');

  check(problems.length === 0, `no page errors${problems.length ? ': ' + problems.join('; ') : ''}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
