import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRemoteImages, isLocalHost } from './remote-images.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/logo.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(PNG);
    } else if (req.url === '/moved') {
      res.writeHead(302, { location: '/logo.png' });
      res.end();
    } else if (req.url === '/page') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>');
    } else if (req.url === '/vector.svg') {
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      res.end('<svg onload="x()"/>');
    } else if (req.url === '/huge.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.alloc(4096));
    } else if (req.url === '/to-router') {
      res.writeHead(302, { location: 'http://192.168.1.1/admin' });
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('loading remote images for one email', () => {
  it('returns images as data: URLs and nothing for what is not a plain image', async () => {
    const result = await fetchRemoteImages(
      [
        `${base}/logo.png`,
        `${base}/moved`,
        `${base}/page`,
        `${base}/vector.svg`,
        `${base}/missing.png`,
        `${base}/huge.png`,
        'ftp://x/y.png',
      ],
      { allowLoopback: true, maxBytesEach: 1024 },
    );
    const byUrl = Object.fromEntries(result.map((r) => [r.url.replace(base, ''), r.dataUrl]));
    expect(byUrl['/logo.png']).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(byUrl['/moved']).toBe(byUrl['/logo.png']);
    expect(byUrl['/page']).toBeNull();
    expect(byUrl['/vector.svg']).toBeNull();
    expect(byUrl['/missing.png']).toBeNull();
    expect(byUrl['/huge.png']).toBeNull();
    expect(byUrl['ftp://x/y.png']).toBeNull();
  });

  it('never fetches from this computer or the local network, also not through a redirect', async () => {
    expect(await fetchRemoteImages([`${base}/logo.png`])).toEqual([
      { url: `${base}/logo.png`, dataUrl: null },
    ]);
    const redirected = await fetchRemoteImages([`${base}/to-router`], {
      allowLoopback: true,
      timeoutMs: 2000,
    });
    expect(redirected[0]!.dataUrl).toBeNull();
    for (const host of [
      'localhost',
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '[::1]',
      'fd00::1',
      'router',
      'nas.local',
      '::ffff:10.0.0.1',
    ])
      expect(isLocalHost(host), host).toBe(true);
    for (const host of ['cdn.example.com', '93.184.216.34', '2606:2800:220:1::1'])
      expect(isLocalHost(host), host).toBe(false);
  });
});
