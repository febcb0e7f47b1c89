import { spawn } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { writeFileAtomic } from './atomic-file.ts';

/**
 * Credentials live only in main. Electron: `safeStorage` (Keychain, DPAPI, libsecret/kwallet).
 * Browser mode: one AES-256-GCM encrypted file in the data folder whose 256-bit key comes from
 * the OS keyring where one is reachable without native modules (Linux: the Secret Service via
 * `secret-tool`, when it is installed and a D-Bus session runs), else from a key file readable
 * only by the user (0600) next to it. electron/main/channels/README.md says which applies where.
 * Values never leave main: no IPC call returns them, nothing logs them.
 */
export interface SecretStore {
  /** How values are protected, for the README and the settings screen. */
  readonly protection: 'safe-storage' | 'os-keyring' | 'key-file';
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
  has(name: string): boolean;
}

const VAULT_FILE = 'secrets.vault';
const KEY_FILE = 'secrets.key';
const SAFE_FILE = 'secrets.safe.json';

/** Where the vault key is kept. */
export interface KeySource {
  readonly kind: 'os-keyring' | 'key-file';
  /** The 32-byte key, created on first use. */
  key(): Buffer;
}

/** A 0600 file next to the vault: protects against other users, not against this user's programs. */
export function keyFileSource(dataDir: string): KeySource {
  const path = join(dataDir, KEY_FILE);
  let cached: Buffer | null = null;
  return {
    kind: 'key-file',
    key() {
      if (cached) return cached;
      if (existsSync(path)) {
        const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
        if (key.length !== 32) throw new Error(`${path} does not hold a 256-bit key`);
        chmodSync(path, 0o600);
        cached = key;
        return key;
      }
      const key = randomBytes(32);
      writeFileAtomic(path, `${key.toString('base64')}\n`);
      cached = key;
      return key;
    },
  };
}

function onPath(binary: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, binary);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function runTool(
  binary: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.on('error', () => resolve({ code: -1, stdout: '' }));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
    child.stdin.end(input ?? '');
  });
}

/**
 * The Secret Service through `secret-tool` (libsecret-tools), found on PATH, with a D-Bus
 * session. Resolves to null when either is missing or the keyring refuses (locked, no daemon).
 */
export async function secretToolSource(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<KeySource | null> {
  if (process.platform !== 'linux' || !env.DBUS_SESSION_BUS_ADDRESS) return null;
  const binary = onPath('secret-tool', env);
  if (!binary) return null;
  const attributes = ['application', 'webcare', 'data-folder', dataDir];
  const found = await runTool(binary, ['lookup', ...attributes], env);
  let key: Buffer;
  if (found.code === 0 && found.stdout.trim()) {
    key = Buffer.from(found.stdout.trim(), 'base64');
    if (key.length !== 32) return null;
  } else {
    key = randomBytes(32);
    const stored = await runTool(
      binary,
      ['store', '--label=Webcare credentials key', ...attributes],
      env,
      key.toString('base64'),
    );
    if (stored.code !== 0) return null;
    const check = await runTool(binary, ['lookup', ...attributes], env);
    if (check.code !== 0 || check.stdout.trim() !== key.toString('base64')) return null;
  }
  return { kind: 'os-keyring', key: () => key };
}

interface VaultFile {
  v: 1;
  alg: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
}

/** All values in one AES-256-GCM encrypted JSON object, rewritten atomically on every change. */
export function createEncryptedFileSecretStore(
  dataDir: string,
  source: KeySource,
  log: (line: string) => void = () => undefined,
): SecretStore {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, VAULT_FILE);
  const decrypt = (): Record<string, string> => {
    const vault = JSON.parse(readFileSync(path, 'utf8')) as VaultFile;
    if (vault.v !== 1 || vault.alg !== 'aes-256-gcm') throw new Error(`${path}: unknown vault format`);
    const decipher = createDecipheriv('aes-256-gcm', source.key(), Buffer.from(vault.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(vault.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(vault.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Record<string, string>;
  };
  // A vault this key cannot open (key file lost, keyring gone, file damaged) is set aside, not
  // deleted: accounts then report missing credentials and ask for them again.
  const load = (): Record<string, string> => {
    if (!existsSync(path)) return {};
    try {
      return decrypt();
    } catch (error) {
      const aside = `${path}.unreadable-${Date.now()}`;
      renameSync(path, aside);
      log(`credentials vault could not be opened (${(error as Error).message}); moved it to ${aside}`);
      return {};
    }
  };
  const save = (values: Record<string, string>) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', source.key(), iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
    const vault: VaultFile = {
      v: 1,
      alg: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    writeFileAtomic(path, JSON.stringify(vault));
  };
  let values: Record<string, string> | null = null;
  const current = () => (values ??= load());
  return {
    protection: source.kind,
    get: (name) => current()[name] ?? null,
    has: (name) => Object.hasOwn(current(), name),
    set(name, value) {
      const next = { ...current(), [name]: value };
      save(next);
      values = next;
    },
    delete(name) {
      if (!Object.hasOwn(current(), name)) return;
      const next = { ...current() };
      delete next[name];
      save(next);
      values = next;
    },
  };
}

/** The part of Electron's `safeStorage` this store uses (injected: services never import electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** Electron: each value encrypted by `safeStorage`, the ciphertexts in one JSON file (0600). */
export function createSafeStorageSecretStore(dataDir: string, safeStorage: SafeStorageLike): SecretStore {
  if (!safeStorage.isEncryptionAvailable()) throw new Error('safeStorage encryption is not available');
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, SAFE_FILE);
  const load = (): Record<string, string> =>
    existsSync(path)
      ? (JSON.parse(readFileSync(path, 'utf8')) as { entries: Record<string, string> }).entries
      : {};
  let entries: Record<string, string> | null = null;
  const current = () => (entries ??= load());
  const save = (next: Record<string, string>) => {
    writeFileAtomic(path, JSON.stringify({ v: 1, entries: next }));
    entries = next;
  };
  return {
    protection: 'safe-storage',
    get(name) {
      const value = current()[name];
      return value === undefined ? null : safeStorage.decryptString(Buffer.from(value, 'base64'));
    },
    has: (name) => Object.hasOwn(current(), name),
    set(name, value) {
      save({ ...current(), [name]: safeStorage.encryptString(value).toString('base64') });
    },
    delete(name) {
      if (!Object.hasOwn(current(), name)) return;
      const next = { ...current() };
      delete next[name];
      save(next);
    },
  };
}

/**
 * Browser mode's store: the keyring when one answers, else the key file. On Linux desktops
 * without libsecret-tools, on macOS and on Windows (browser mode only; Electron uses
 * safeStorage there) this is the key file.
 */
export async function openBrowserModeSecretStore(
  dataDir: string,
  options: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {},
): Promise<SecretStore> {
  // Once a key file exists it stays the key: switching sources would orphan the vault.
  const keyring = existsSync(join(dataDir, KEY_FILE))
    ? null
    : await secretToolSource(dataDir, options.env ?? process.env);
  return createEncryptedFileSecretStore(dataDir, keyring ?? keyFileSource(dataDir), options.log);
}
