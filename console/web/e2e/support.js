// The browser suite's kit: the fixture ConsoleBrowserTests writes, Debian's Chromium through playwright-core,
// sign-in through the real login form, axe-core checks, screenshots, and the platform's own APIs for what a test
// sets up or causes (a department's event through intake, a user's token for a step taken elsewhere).
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const fixture = JSON.parse(readFileSync(process.env.CONSOLE_E2E_FIXTURE, 'utf8'));

export const PHONE = { width: 360, height: 740 };
export const DESK = { width: 1280, height: 800 };

export async function launch() {
  return chromium.launch({
    executablePath: fixture.chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile at a width, in Chinese, on Beijing time (axe-core is injected past the page's CSP). */
export async function open(browser, viewport = DESK) {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    bypassCSP: true,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const apiErrors = [];
  page.on('response', (response) => {
    if (response.url().includes('/api/') && response.status() >= 500) {
      apiErrors.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('pageerror', (error) => apiErrors.push(`page error: ${error.message}`));
  page.apiErrors = apiErrors;
  return { context, page };
}

/** Signs in as a demo user through the console's button and the authorisation server's login form. */
export async function signIn(page, user, path = '/') {
  await page.goto(fixture.console + path);
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  await page.waitForURL((url) => url.toString().startsWith(fixture.issuer));
  await page.locator('input[name="username"]').fill(user);
  await page.locator('input[name="password"]').fill(fixture.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.toString().startsWith(fixture.console));
  await page.getByRole('main').waitFor();
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function checkAccessibility(page, label) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
  assert.deepEqual(violations, [], `axe-core on ${label}`);
}

/** A screenshot under the fixture's folder, named <name>-<width>.png. */
export async function screenshot(page, name) {
  mkdirSync(fixture.screenshots, { recursive: true });
  const width = page.viewportSize().width;
  await page.screenshot({ path: join(fixture.screenshots, `${name}-${width}.png`), fullPage: true });
}

/** The story whose title contains the word, with its household and trigger. */
export function story(word) {
  const found = fixture.stories.find((s) => s.title.includes(word));
  assert.ok(found, `no story about ${word}: ${fixture.stories.map((s) => s.title).join(' | ')}`);
  return found;
}

/** Sends a story's trigger through intake, as its departments would. */
export async function tip(storyToTip) {
  for (const { department, body } of storyToTip.trigger) {
    const answer = await fetch(`${fixture.intake}/events`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${fixture.departmentTokens[department]}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    assert.ok(answer.ok, `intake answered ${answer.status}: ${await answer.text()}`);
  }
}

const tokens = new Map();

/**
 * A demo user's token (the development endpoint), for a step the test takes outside the browser. Kept until a few
 * seconds before it expires: the suite runs the console with 20-second access tokens to prove it renews them.
 */
export async function token(user) {
  const kept = tokens.get(user);
  if (kept && kept.renewAt > Date.now()) return kept.token;
  const answer = await fetch(`${fixture.issuer}/dev/token`, {
    method: 'POST',
    headers: {
      Authorization: 'Basic ' + Buffer.from(`${user}:${fixture.password}`).toString('base64'),
      Accept: 'application/json',
    },
  });
  assert.equal(answer.status, 200, `no token for ${user}`);
  const { access_token: fresh, expires_in: seconds } = await answer.json();
  tokens.set(user, { token: fresh, renewAt: Date.now() + Math.max(0, seconds - 5) * 1000 });
  return fresh;
}

/** A call to a service as a user: { status, body, headers }. */
export async function api(user, method, url, body) {
  const answer = await fetch(url, {
    method,
    headers: {
      Authorization: `Bearer ${await token(user)}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  if (answer.status === 401) {
    // no test expects one: say why, so the failing assertion that follows can be read
    console.log(`[e2e] 401 from ${method} ${url} as ${user}: ${answer.headers.get('www-authenticate')} ${text}`);
  }
  return { status: answer.status, headers: answer.headers, body: text ? JSON.parse(text) : null };
}

/** Polls until the function returns something truthy (a condition, never a fixed sleep). */
export async function eventually(what, fn, { timeout = 90_000, interval = 500 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  throw new Error(`${what}: not within ${timeout} ms (last: ${last?.message ?? JSON.stringify(last)})`);
}

/** The open case of a household, found as the district's supervisor. */
export async function caseOf(household, community) {
  return eventually(`a case for household ${household}`, async () => {
    const answer = await api('supervisor-chaoyang', 'GET', `${fixture.referral}/cases?community=${community}&limit=200`);
    return answer.status === 200 && answer.body.find((c) => c.householdNumber === household);
  });
}
