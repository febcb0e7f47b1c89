import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { REPO_ROOT, expect, test } from './fixtures.ts';

// These tests do not depend on the inbox UI: they serve a tiny page built from the real
// browser-mode bridge (renderer/platform/bridge.ts) with --renderer-dir.
const rendererDir = mkdtempSync(join(tmpdir(), 'webcare-e2e-renderer-'));
test.use({ hostOptions: { rendererDir } });

test.beforeAll(async () => {
  writeFileSync(
    join(rendererDir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>bridge probe</title>
<script>document.title = 'inline script ran';</script>
<script type="module" src="./probe.js"></script></head>
<body><pre id="info"></pre><pre id="event"></pre></body></html>`,
  );
  await build({
    stdin: {
      resolveDir: REPO_ROOT,
      sourcefile: 'probe.ts',
      loader: 'ts',
      contents: `
        import { getWebcare } from './renderer/platform/bridge.ts';
        const api = getWebcare();
        const show = (id: string, value: unknown) => { document.getElementById(id)!.textContent = JSON.stringify(value); };
        const probe = {
          events: [] as unknown[],
          async call(channel: string, arg?: unknown) {
            try { return { ok: true, value: await (api.invoke as (c: string, a?: unknown) => Promise<unknown>)(channel, arg) }; }
            catch (error) { const e = error as { name: string; code?: string; message: string }; return { ok: false, name: e.name, code: e.code, message: e.message }; }
          },
        };
        (globalThis as unknown as { probe: typeof probe }).probe = probe;
        api.on('settings:changed', (settings) => { probe.events.push(settings); show('event', settings); });
        void api.invoke('app:get-info').then((info) => { show('info', info); document.documentElement.dataset.ready = '1'; });
      `,
    },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: join(rendererDir, 'probe.js'),
    logLevel: 'warning',
  });
});
test.afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += String(chunk)));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
      );
    })
      .on('error', reject)
      .end();
  });
}

function post(port: number, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/invoke',
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    )
      .on('error', reject)
      .end(JSON.stringify(body));
  });
}

function socketStatus(port: number, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

/** A raw HTTP/1.1 exchange, for request targets node:http refuses to build. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let data = '';
    socket.setEncoding('utf8');
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(data));
    socket.write(text);
  });
}

function tryConnect(host: string, port: number): Promise<'connected' | 'refused'> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', () => resolve('refused'));
    socket.once('timeout', () => {
      socket.destroy();
      resolve('refused');
    });
  });
}

test('without the token the page, the API and the events socket answer 401', async ({ host }) => {
  const page = await get(host.port, '/');
  expect(page.status).toBe(401);
  expect(page.type).toContain('text/html');
  expect(page.body).not.toContain('bridge probe');
  expect((await get(host.port, '/probe.js')).status).toBe(401);
  expect(await post(host.port, { channel: 'settings:get' })).toBe(401);
  expect(await socketStatus(host.port)).toBe(401);
  expect(await socketStatus(host.port, { Cookie: `webcare_token_${host.port}=wrong` })).toBe(401);
});

test('with the token the page loads, the cookie is HttpOnly and SameSite=Strict, and calls work', async ({
  host,
  page,
}) => {
  const response = await page.goto(host.url);
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(`${host.baseURL}/`);
  await expect(page.locator('html')).toHaveAttribute('data-ready', '1');
  const [cookie] = await page.context().cookies(host.baseURL);
  expect(cookie).toMatchObject({ name: `webcare_token_${host.port}`, httpOnly: true, sameSite: 'Strict' });
  expect(JSON.parse(await page.locator('#info').innerText())).toMatchObject({
    mode: 'browser',
    dataDir: host.dataDir,
  });
  expect(await socketStatus(host.port, { Authorization: `Bearer ${host.token}` })).toBe(101);
  expect((await get(host.port, '/', { Authorization: `Bearer ${host.token}` })).status).toBe(200);
});

test('the CSP blocks inline scripts while the bundled module runs', async ({ host, page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await page.goto(host.url);
  await expect(page.locator('html')).toHaveAttribute('data-ready', '1');
  await expect(page).toHaveTitle('bridge probe');
  expect(violations.some((text) => text.includes('inline'))).toBe(true);
});

test('a wrong Host header is refused even with the token', async ({ host }) => {
  const auth = { Authorization: `Bearer ${host.token}` };
  expect((await get(host.port, '/', { ...auth, Host: 'rebind.example' })).status).toBe(403);
  expect((await get(host.port, '/', { ...auth, Host: `rebind.example:${host.port}` })).status).toBe(403);
  expect(await socketStatus(host.port, { ...auth, Host: 'rebind.example' })).toBe(403);
  expect(
    await post(host.port, { channel: 'settings:get' }, { ...auth, Origin: 'https://evil.example' }),
  ).toBe(403);
});

test('the host listens on 127.0.0.1 only', async ({ host }) => {
  const ss = spawnSync('ss', ['-ltnH'], { encoding: 'utf8' });
  if (ss.status === 0) {
    const local = ss.stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[3] ?? '')
      .filter((address) => address.endsWith(`:${host.port}`));
    expect(local).toEqual([`127.0.0.1:${host.port}`]);
  }
  expect(await tryConnect('127.0.0.1', host.port)).toBe('connected');
  expect(await tryConnect('::1', host.port)).toBe('refused');
  const external = Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry && !entry.internal)
    .map((entry) => entry!.address);
  for (const address of external) expect(await tryConnect(address, host.port), address).toBe('refused');
});

test('the bridge turns backend errors into IpcCallError and delivers settings events', async ({
  host,
  page,
}) => {
  await page.goto(host.url);
  await expect(page.locator('html')).toHaveAttribute('data-ready', '1');
  expect(await page.evaluate(`probe.call('settings:update', { language: 'fr' })`)).toMatchObject({
    ok: false,
    name: 'IpcCallError',
    code: 'invalid-argument',
  });
  expect(await page.evaluate(`probe.call('settings:shred')`)).toMatchObject({
    ok: false,
    name: 'IpcCallError',
    code: 'unknown-channel',
  });
  expect(
    await page.evaluate(`probe.call('settings:update', { language: 'en', agent: { name: 'Sam' } })`),
  ).toMatchObject({ ok: true, value: { language: 'en' } });
  await expect(page.locator('#event')).toContainText('"name":"Sam"');
});

test('settings and IndexedDB survive a host restart on the same port', async ({ host, page }) => {
  await page.goto(host.url);
  await expect(page.locator('html')).toHaveAttribute('data-ready', '1');
  await page.evaluate(`probe.call('settings:update', { theme: 'dark' })`);
  await page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('probe', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('kv');
    open.onsuccess = () => { const tx = open.result.transaction('kv', 'readwrite'); tx.objectStore('kv').put('kept', 'k'); tx.oncomplete = () => { open.result.close(); resolve(true); }; };
    open.onerror = () => reject(open.error);
  })`);
  const port = host.port;
  const token = host.token;
  await host.restart();
  expect(host.port).toBe(port);
  // One token per data folder: the open tab's session cookie is still valid.
  expect(host.token).toBe(token);
  expect(statSync(join(host.dataDir, 'host-token')).mode & 0o777).toBe(0o600);
  // The tab is NOT reloaded: its calls keep working and its events socket reconnects by itself.
  expect(await page.evaluate(`probe.call('settings:get')`)).toMatchObject({
    ok: true,
    value: { theme: 'dark' },
  });
  await expect
    .poll(
      async () => {
        await page.evaluate(`probe.call('settings:update', { agent: { name: 'Na de herstart' } })`);
        return page.locator('#event').innerText();
      },
      { timeout: 20_000 },
    )
    .toContain('Na de herstart');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-ready', '1');
  expect(
    await page.evaluate(`new Promise((resolve) => {
      const open = indexedDB.open('probe', 1);
      open.onsuccess = () => { const req = open.result.transaction('kv').objectStore('kv').get('k'); req.onsuccess = () => resolve(req.result); };
    })`),
  ).toBe('kept');
});

test('malformed requests get a 4xx, and the host never prints the token or a cookie value', async ({
  host,
}) => {
  const cookie = `webcare_token_${host.port}=${host.token}; other_app=s3cr3t-cookie-value`;
  const statuses: string[] = [];
  for (const target of ['//', '///', '/.//evil.example/', '/%', '/%00', '*', '//api/invoke', '/api/%'])
    for (const query of [`?token=${host.token}`, '?token=wrong', ''])
      for (const method of ['GET', 'POST']) {
        const reply = await raw(
          host.port,
          `${method} ${target}${query} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\n` +
            `Content-Type: application/json\r\nContent-Length: 1\r\nConnection: close\r\n\r\n{`,
        );
        statuses.push(`${method} ${target}${query.replace(host.token, 'T')} → ${reply.split('\r\n')[0]}`);
      }
  for (const line of statuses) expect(line).toMatch(/→ HTTP\/1\.1 [1-4]\d\d /);
  expect((await get(host.port, '/', { Cookie: cookie })).status).toBe(200);
  // The one line that must show the token is the URL to open; nothing else may.
  const lines = host.output.split('\n').filter((line) => line.includes(host.token));
  expect(lines).toEqual([`Open Webcare: ${host.url}`]);
  expect(host.output).not.toContain('s3cr3t-cookie-value');
});

test.describe('with the real app', () => {
  // dist/renderer (built by `npm run test:e2e`) instead of the probe page.
  test.use({ hostOptions: {} });
  const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

  async function openApp(page: Page, url: string) {
    await page.goto(url);
    await expect(page.locator('html')).toHaveAttribute('data-app', 'ready', { timeout: 60_000 });
  }

  test('a token file replaced under an open tab shows a translated reload banner (nl, en)', async ({
    host,
    page,
  }) => {
    await openApp(page, host.url);
    await expect(page.getByTestId('host-banner')).toHaveCount(0);
    const texts = {
      nl: 'Webcare is opnieuw gestart; laad dit venster opnieuw.',
      en: 'Webcare was restarted; reload this window.',
    };
    for (const [lang, token] of [
      ['nl', 'N'.repeat(43)],
      ['en', 'E'.repeat(43)],
    ] as const) {
      const html = page.locator('html');
      if ((await html.getAttribute('lang')) !== lang) await page.getByTestId('language-toggle').click();
      await expect(html).toHaveAttribute('lang', lang);
      // Someone replaced the token file; the next start takes it, and the open tab's cookie is stale.
      writeFileSync(join(host.dataDir, 'host-token'), `${token}\n`, { mode: 0o600 });
      await host.restart();
      expect(host.token).toBe(token);
      const banner = page.getByTestId('host-banner');
      await expect(banner).toBeVisible({ timeout: 20_000 });
      await expect(banner).toContainText(texts[lang]);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `${SHOTS}host-banner-${lang}.png` });
      // Reload: the host asks for the token; the printed URL brings the inbox back, banner gone.
      await page.getByTestId('host-banner-reload').click();
      await expect(page.locator('body')).toContainText('needs its access token');
      await openApp(page, host.url);
      await expect(page.getByTestId('host-banner')).toHaveCount(0);
    }
  });
});
