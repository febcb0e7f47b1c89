import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createEncryptedFileSecretStore,
  createSafeStorageSecretStore,
  keyFileSource,
  openBrowserModeSecretStore,
  secretToolSource,
} from './secrets.ts';

const PASSWORD = 'correct horse battery staple 9f3a';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'webcare-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function everyFileIn(folder: string): string {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('encrypted file secret store (browser mode)', () => {
  it('keeps values across reopen, encrypted, in 0600 files', () => {
    const store = createEncryptedFileSecretStore(dir, keyFileSource(dir));
    expect(store.protection).toBe('key-file');
    store.set('account:email-a', JSON.stringify({ password: PASSWORD }));
    expect(everyFileIn(dir)).not.toContain(PASSWORD);
    expect(everyFileIn(dir)).not.toContain('correct horse');
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    const again = createEncryptedFileSecretStore(dir, keyFileSource(dir));
    expect(JSON.parse(again.get('account:email-a')!)).toEqual({ password: PASSWORD });
    expect(again.has('account:email-a')).toBe(true);
    again.delete('account:email-a');
    expect(createEncryptedFileSecretStore(dir, keyFileSource(dir)).get('account:email-a')).toBeNull();
  });

  it('sets a vault it cannot open aside instead of failing or deleting it', () => {
    createEncryptedFileSecretStore(dir, keyFileSource(dir)).set('a', PASSWORD);
    rmSync(join(dir, 'secrets.key'));
    const logs: string[] = [];
    const store = createEncryptedFileSecretStore(dir, keyFileSource(dir), (l) => logs.push(l));
    expect(store.get('a')).toBeNull();
    expect(logs.join()).toMatch(/could not be opened/);
    expect(readdirSync(dir).some((n) => n.startsWith('secrets.vault.unreadable-'))).toBe(true);
  });

  it('detects a tampered vault (GCM tag)', () => {
    createEncryptedFileSecretStore(dir, keyFileSource(dir)).set('a', PASSWORD);
    const path = join(dir, 'secrets.vault');
    const vault = JSON.parse(readFileSync(path, 'utf8')) as { data: string };
    const bytes = Buffer.from(vault.data, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    writeFileSync(path, JSON.stringify({ ...vault, data: bytes.toString('base64') }));
    expect(createEncryptedFileSecretStore(dir, keyFileSource(dir)).get('a')).toBeNull();
  });

  it('uses the key file on this machine when no keyring answers', async () => {
    const store = await openBrowserModeSecretStore(dir, { env: { PATH: '/nonexistent' } });
    expect(store.protection).toBe('key-file');
  });
});

describe('Secret Service key through secret-tool', () => {
  // A stand-in for libsecret's `secret-tool` (same command line as its man page: `store
  // --label=L attr value...` reads the secret from stdin, `lookup attr value...` prints it),
  // keeping secrets in a file, because this machine runs no keyring daemon.
  function fakeSecretTool(): string {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const db = join(dir, 'keyring.txt');
    const script = `#!/bin/sh
cmd="$1"; shift
if [ "$cmd" = "store" ]; then shift; key="$*"; value=$(cat); echo "$key=$value" >> "${db}"; exit 0; fi
if [ "$cmd" = "lookup" ]; then key="$*"; line=$(grep -F "$key=" "${db}" 2>/dev/null | tail -n 1); [ -n "$line" ] || exit 1; printf '%s' "\${line#*=}"; exit 0; fi
exit 2
`;
    writeFileSync(join(bin, 'secret-tool'), script);
    chmodSync(join(bin, 'secret-tool'), 0o755);
    return bin;
  }

  it.runIf(process.platform === 'linux')(
    'stores the vault key in the keyring and finds it again',
    async () => {
      const bin = fakeSecretTool();
      const env = { PATH: `${bin}:/usr/bin:/bin`, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/fake' };
      const data = join(dir, 'data');
      const first = await openBrowserModeSecretStore(data, { env });
      expect(first.protection).toBe('os-keyring');
      first.set('a', PASSWORD);
      expect(existsSync(join(data, 'secrets.key'))).toBe(false);
      const second = await openBrowserModeSecretStore(data, { env });
      expect(second.get('a')).toBe(PASSWORD);
    },
  );

  it('is not used without a D-Bus session', async () => {
    const bin = fakeSecretTool();
    expect(await secretToolSource(dir, { PATH: bin })).toBeNull();
  });
});

describe('safeStorage secret store (Electron)', () => {
  // Electron's safeStorage cannot run without the Electron binary; this double reverses and
  // base64-encodes so the test can see that only ciphertext is written.
  const double = {
    isEncryptionAvailable: () => true,
    encryptString: (s: string) => Buffer.from([...s].reverse().join(''), 'utf8'),
    decryptString: (b: Buffer) => [...b.toString('utf8')].reverse().join(''),
  };

  it('stores only what safeStorage encrypted', () => {
    const store = createSafeStorageSecretStore(dir, double);
    store.set('a', PASSWORD);
    expect(everyFileIn(dir)).not.toContain(PASSWORD);
    expect(createSafeStorageSecretStore(dir, double).get('a')).toBe(PASSWORD);
    store.delete('a');
    expect(createSafeStorageSecretStore(dir, double).has('a')).toBe(false);
  });

  it('refuses to start when safeStorage cannot encrypt', () => {
    expect(() =>
      createSafeStorageSecretStore(dir, { ...double, isEncryptionAvailable: () => false }),
    ).toThrow(/not available/);
  });
});
