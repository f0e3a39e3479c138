// The portal's web app in a real browser: playwright-core driving Debian's Chromium
// (never a downloaded browser), against a podbay-portal started here on the local login
// node. Logs in with a password and sees the doctor, logs out, logs in again answering the
// login node's own prompt (keyboard-interactive relay); builds a working container with a
// step, pushes it, builds a second image from a Containerfile template with podman's
// output streamed live into the log panel (WebSocket), sees the images, runs one on the
// login node, shows its Apptainer pull line and batch script, runs it as a Slurm job and
// reads the output; deletes everything; logs in as the one-time-code user (password, then
// a TOTP code relayed from the login node); and checks that the page raised no errors (the
// CSP forbids inline script: a violation would show up here).
//   node tests/browser/portal.mjs PORTAL_BINARY [SCREENSHOT_DIR]
// Needs the login node's environment (eval "$(scripts/loginnode env)").
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
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

// RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) for the one-time-code user, and the next
// time step pam_oath accepts (after the last code used, which its users file keeps).
function totp(keyHex, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', Buffer.from(keyHex, 'hex')).update(counter).digest();
  const offset = mac[19] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}
async function nextTotpStep(keyHex) {
  const now = Math.floor(Date.now() / 30000);
  const last = readFileSync(env.PODBAY_OTP_USERSFILE, 'utf8').trim().split(/\s+/)[5];
  let step = now;
  for (let s = now - 10; s <= now + 10; s += 1) if (totp(keyHex, s) === last) step = Math.max(step, s + 1);
  if (step > now + 3) await new Promise((resolve) => setTimeout(resolve, (step - now - 3) * 30000));
  return step;
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
  // Script errors and CSP violations count. The browser's own "Failed to load resource"
  // lines do not: API answers such as the 401 of the "am I logged in?" probe, a job's
  // output not there yet (404) or calls cut off by logging out (502 E_DISCONNECTED) are
  // the API's, checked by the steps above; 5xx are printed for the record.
  page.on('console', (message) => {
    if (message.type() !== 'error' || /^Failed to load resource/.test(message.text())) return;
    problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('response', async (r) => {
    if (r.status() >= 500) console.log(`note: ${r.status()} ${r.url()}: ${await r.text().catch(() => '')}`);
  });
  const shot = async (name, fullPage = false) => {
    if (screenshotDir) await page.screenshot({ path: join(screenshotDir, name), fullPage });
  };
  // The login form, then what shows once logged in (or the relayed question).
  const logIn = async (user, password, shown) => {
    await page.fill('input[name=user]', user);
    await page.fill('input[name=password]', password);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector(shown, { timeout: 30000 });
  };

  await page.goto(base);
  check(await page.isVisible('#login-form'), 'the login form is shown');
  await shot('portal-login.png');

  // A browser set to German gets the page in German; the header's choice overrides it.
  {
    const german = await browser.newPage({ locale: 'de-DE', viewport: { width: 1100, height: 500 } });
    german.on('pageerror', (error) => problems.push(`page error (de): ${error.message}`));
    await german.goto(base);
    check((await german.textContent('#login h2')) === 'Am Cluster anmelden', 'German browsers get German');
    check((await german.getAttribute('html', 'lang')) === 'de', 'the page says it is German');
    if (screenshotDir) await german.screenshot({ path: join(screenshotDir, 'portal-login-de.png') });
    await Promise.all([german.waitForEvent('load'), german.selectOption('#language', 'en')]);
    check((await german.textContent('#login h2')) === 'Log in to your cluster', 'choosing English sticks over a reload');
    await german.close();
  }

  // A password login, then the doctor.
  await logIn(env.PODBAY_ALICE, env.PODBAY_ALICE_PASSWORD, '#build:not([hidden])');
  check((await page.textContent('#who')) === env.PODBAY_ALICE, 'the header names the user');
  await page.click('#pages button[data-page=doctor]');
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
  await page.waitForSelector('#build:not([hidden])', { timeout: 30000 });
  check(true, 'logged in by answering the prompt');

  check(await page.isHidden('#helpdesk-tab'), 'no Helpdesk page for a user without the role');

  // A reload keeps the session (the cookie), without asking again.
  await page.reload();
  await page.waitForSelector('#build:not([hidden])', { timeout: 10000 });
  check((await page.textContent('#who')) === env.PODBAY_ALICE, 'a reload keeps the session');

  // Build: a working container from the base image, one step, save and push.
  const suffix = String(Date.now() % 1000000);
  const container = `web-${suffix}`;
  await page.fill('#create-form [name=name]', container);
  await page.click('#create-form button[type=submit]');
  await page.locator('#build-status', { hasText: `${container} is ready` }).waitFor({ timeout: 120000 });
  check((await page.inputValue('#containers')) === container, 'the new working container is selected');
  await page.fill('#step-form [name=command]', `echo web-${suffix} > /web.txt && cat /web.txt`);
  await page.click('#step-form button[type=submit]');
  await page.locator('#steps tr', { hasText: `web-${suffix}` }).waitFor({ timeout: 120000 });
  const stepCells = await page.locator('#steps tr:last-child td').allTextContents();
  check(stepCells[2] === '0' && stepCells[3].includes(`web-${suffix}`),
    `the step ran, exit code 0, its output shown (${JSON.stringify(stepCells)})`);
  await shot('portal-build.png');
  // The terminal: xterm.js on a shell in the working container.
  await page.click('#open-terminal');
  await page.locator('#terminal .xterm-rows', { hasText: '#' }).waitFor({ timeout: 60000 });
  await page.locator('#terminal .xterm-helper-textarea').focus();
  await page.keyboard.type('echo web-term-$((6*7))');
  await page.keyboard.press('Enter');
  await page.locator('#terminal .xterm-rows', { hasText: 'web-term-42' }).waitFor({ timeout: 30000 });
  check(true, 'the terminal runs a shell in the container');
  await shot('portal-terminal.png');
  await page.keyboard.type('exit');
  await page.keyboard.press('Enter');
  await page.locator('#terminal .xterm-rows', { hasText: 'session ended' }).waitFor({ timeout: 30000 });
  check(true, 'the terminal says when the shell ended');
  // A long step, cancelled with the log's Cancel button once the event stream named it.
  await page.fill('#step-form [name=command]', 'echo long-step; sleep 120');
  await page.click('#step-form button[type=submit]');
  await page.locator('#cancel-call').waitFor({ state: 'visible', timeout: 60000 });
  await page.click('#cancel-call');
  await page.locator('#build-status.error').waitFor({ timeout: 30000 });
  check(/cancel/i.test(await page.textContent('#build-status')),
    `the cancelled step says so (${await page.textContent('#build-status')})`);
  check(await page.isHidden('#cancel-call'), 'Cancel goes away with the work');
  await page.fill('#publish-form [name=name]', container);
  await page.fill('#publish-form [name=tag]', 'v1');
  await page.click('#publish-form button[type=submit]');
  await page.locator('#build-status', { hasText: 'Pushed' }).waitFor({ timeout: 300000 });
  const pushed = (await page.textContent('#build-status')).replace('Pushed ', '').trim();
  check(pushed.endsWith(`/${env.PODBAY_ALICE}/${container}:v1`), `pushed ${pushed}`);

  // A Containerfile from the first template (the site's BusyBox), built and pushed, with
  // podman's output arriving in the log panel while it runs (the WebSocket).
  const built = `cf-${suffix}`;
  await page.locator('#template option').first().waitFor({ state: 'attached', timeout: 30000 });
  // The registry's name comes with the registry listing (every tag with its run lines: slow
  // when the registry holds many, or under the sanitizers): wait for it, then check.
  await page.waitForFunction(
    (registry) => document.querySelector('#containerfile-form [name=containerfile]').value.includes(registry),
    env.PODBAY_REGISTRY, { timeout: 120000 }).catch(() => {});
  const containerfile = await page.inputValue('#containerfile-form [name=containerfile]');
  check(containerfile.startsWith(`FROM ${env.PODBAY_REGISTRY}/library/busybox`),
    `the template names the site registry (${containerfile.split('\n')[0]})`);
  await page.fill('#containerfile-form [name=name]', built);
  await page.fill('#containerfile-form [name=tag]', 'v1');
  await page.click('#containerfile-form button[type=submit]');
  await page.locator('#cf-status.error, #cf-status:has-text("Built and pushed")').waitFor({ timeout: 300000 });
  check(!(await page.getAttribute('#cf-status', 'class') || '').includes('error'),
    `the Containerfile is built (${await page.textContent('#cf-status')})`);
  check((await page.textContent('#log')).includes('hello from podbay'), "podman build's output is in the log panel");
  check((await page.textContent('#cf-result')).includes(`podman run`), 'the run lines are shown');
  await shot('portal-containerfile.png');

  // Images: the pushed tag is listed, with its pull line and a Delete button (own image).
  await page.click('#pages button[data-page=images]');
  const imageRow = page.locator('#image-rows tr', { hasText: `${env.PODBAY_ALICE}/${container}:v1` });
  await imageRow.waitFor({ timeout: 60000 });
  check((await imageRow.textContent()).includes(`podman pull ${pushed}`), 'the image is listed with its pull line');
  check(await imageRow.locator('button', { hasText: 'Delete' }).isVisible(), 'own images can be deleted');
  await shot('portal-images.png');

  // Run: once on the login node, the Apptainer pull line, the batch script, then a Slurm
  // job from the pushed image; each answer shows up on the page.
  await page.click('#pages button[data-page=run]');
  await page.fill('#podman-form [name=image]', pushed);
  await page.fill('#podman-form [name=command]', 'cat /web.txt');
  await page.click('#podman-form button[type=submit]');
  await page.locator('#podman-output', { hasText: `web-${suffix}` }).waitFor({ timeout: 120000 });
  check((await page.textContent('#podman-output')).includes('exit code 0'), 'the image ran on the login node');
  await page.fill('#apptainer-form [name=image]', pushed);
  await page.fill('#apptainer-form [name=directory]', '/tmp');
  await page.click('#apptainer-form button[type=submit]');
  await page.locator('#apptainer-output', { hasText: `/tmp/${container}_v1.sif` }).waitFor({ timeout: 60000 });
  check(true, 'the Apptainer pull line names the SIF file');
  await page.fill('#job-form [name=image]', pushed);
  await page.fill('#job-form [name=command]', 'cat /web.txt');
  await page.click('#show-script');
  await page.locator('#job-script', { hasText: '#SBATCH' }).waitFor({ timeout: 60000 });
  check(true, 'the batch script is shown before submitting');
  await page.fill('#job-form [name=command]', 'cat /web.txt');
  await page.fill('#job-form [name=time]', '00:05:00');
  await page.click('#job-form button[type=submit]');
  await page.locator('#job-output', { hasText: `web-${suffix}` }).waitFor({ timeout: 120000 });
  check(true, "the job's output is shown");
  await shot('portal-run.png');

  // Clean up through the page: delete the tag, remove the container.
  page.on('dialog', (dialog) => dialog.accept());
  // The page lists the registry anew when it is opened: click once that list is in.
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/registry')),
    page.click('#pages button[data-page=images]')]);
  await imageRow.locator('button', { hasText: 'Delete' }).click();
  try {
    await imageRow.waitFor({ state: 'detached', timeout: 60000 });
  } catch (e) {
    throw new Error(`the tag was not deleted: ${await page.textContent('#images-status')}`);
  }
  check(true, 'the tag is deleted');
  const builtRow = page.locator('#image-rows tr', { hasText: `${env.PODBAY_ALICE}/${built}:v1` });
  await builtRow.locator('button', { hasText: 'Delete' }).click();
  await builtRow.waitFor({ state: 'detached', timeout: 60000 });
  check(true, "the Containerfile image's tag is deleted");
  await page.click('#pages button[data-page=build]');
  await page.locator('#containers option', { hasText: container }).waitFor({ state: 'attached', timeout: 30000 });
  await page.selectOption('#containers', container);
  await page.click('#remove-container');
  await page.locator('#build-status', { hasText: `Removed ${container}` }).waitFor({ timeout: 60000 });
  check(true, 'the working container is removed');
  await page.click('#logout');
  await page.waitForSelector('#login-form:not([hidden])');

  // The helpdesk looks bob up: the Helpdesk page is there for helen only.
  if (env.PODBAY_HELPDESK && env.PODBAY_HELPDESK_PASSWORD) {
    await logIn(env.PODBAY_HELPDESK, env.PODBAY_HELPDESK_PASSWORD, '#helpdesk-tab:not([hidden])');
    await page.click('#helpdesk-tab');
    await page.fill('#helpdesk-form [name=user]', env.PODBAY_BOB);
    await page.click('#helpdesk-form button[type=submit]');
    await page.locator('#helpdesk-summary', { hasText: 'need attention' }).waitFor({ timeout: 60000 });
    check(await page.locator('#helpdesk-checks td.status-fail').count() > 0, "bob's failing checks are shown");
    check((await page.inputValue('#helpdesk-report')).startsWith(`Podbay doctor for ${env.PODBAY_BOB}: fail`),
      'the ticket report is there to copy');
    await shot('portal-helpdesk.png');
    await page.click('#logout');
    await page.waitForSelector('#login-form:not([hidden])');
  } else {
    check(false, 'PODBAY_HELPDESK and its password are set (scripts/loginnode env)');
  }

  // The admin plans the docker alias, sees its diff, applies it after the confirmation
  // naming the node, and disables it again the same way.
  if (env.PODBAY_ADMIN && env.PODBAY_ADMIN_PASSWORD) {
    await logIn(env.PODBAY_ADMIN, env.PODBAY_ADMIN_PASSWORD, '#admin-tab:not([hidden])');
    check((await page.textContent('#log')) === '', "the last user's log is gone after logout");
    await page.click('#admin-tab');
    await page.locator('#admin-status', { hasText: /^State of .* read\.$/ }).waitFor({ timeout: 60000 });
    check(await page.locator('#admin-parts tr').count() >= 5, 'the setup parts are listed with their state');
    await page.selectOption('#admin-part', 'docker-alias');
    check(await page.isVisible('#admin-form select[name=alias]'), "the alias part's choice is shown");
    await page.click('#admin-form button[type=submit]');
    await page.waitForSelector('#admin-confirm:not([hidden])', { timeout: 60000 });
    check(await page.locator('#admin-report .diff-add', { hasText: 'alias docker=podman' }).count() === 1,
      'the plan shows the new file as a coloured diff');
    const host = (await page.textContent('#admin-host')).replace('Login node ', '');
    check((await page.textContent('#admin-confirm-text')).includes(host), `the confirmation names the node (${host})`);
    await shot('portal-admin.png', true);
    await page.click('#admin-apply');
    await page.locator('#admin-status', { hasText: 'Applied admin.dockerAlias.enable' }).waitFor({ timeout: 60000 });
    check(await page.isHidden('#admin-confirm'), 'a plan is applied once');
    check((await page.textContent('#admin-parts')).includes('(on)'), 'the alias shows as on');
    await page.selectOption('#admin-part', 'docker-alias');
    await page.selectOption('#admin-form select[name=alias]', 'disable');
    await page.click('#admin-form button[type=submit]');
    await page.waitForSelector('#admin-confirm:not([hidden])', { timeout: 60000 });
    await page.click('#admin-apply');
    await page.locator('#admin-status', { hasText: 'Applied admin.dockerAlias.disable' }).waitFor({ timeout: 60000 });
    check((await page.textContent('#admin-parts')).includes('(off)'), 'the alias is off again');
    await page.click('#logout');
    await page.waitForSelector('#login-form:not([hidden])');
  } else {
    check(false, 'PODBAY_ADMIN and its password are set (scripts/loginnode env)');
  }

  // A site with one-time codes: the password is typed in the form, then the login node's
  // second question (pam_oath) is relayed to the page and answered with the code.
  if (env.PODBAY_OTP && env.PODBAY_OTP_SECRET) {
    await logIn(env.PODBAY_OTP, env.PODBAY_OTP_PASSWORD, '#challenge-form:not([hidden])');
    const otpPrompt = await page.textContent('#challenge-prompts label');
    check(/One-time password/.test(otpPrompt), `the one-time-code question is relayed ("${otpPrompt.trim()}")`);
    await shot('portal-one-time-code.png');
    await page.fill('#challenge-prompts input', totp(env.PODBAY_OTP_SECRET, await nextTotpStep(env.PODBAY_OTP_SECRET)));
    await page.click('#challenge-form button[type=submit]');
    await page.waitForSelector('#build:not([hidden])', { timeout: 30000 });
    check((await page.textContent('#who')) === env.PODBAY_OTP, 'logged in with password and one-time code');
    await page.click('#logout');
    await page.waitForSelector('#login-form:not([hidden])');
  } else {
    check(false, 'PODBAY_OTP and PODBAY_OTP_SECRET are set (scripts/loginnode env)');
  }

  check(problems.length === 0, `no page errors${problems.length ? ': ' + problems.join('; ') : ''}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
