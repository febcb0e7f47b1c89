import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** Where every spec writes its screenshots (nl and en of each screen it changes). */
export const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** Opens the app and waits for the ready signal and the first list row. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-app', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('conversation-row').first()).toBeVisible();
}

/** Switches the UI language with the sidebar toggle (a settings write) and waits for it. */
/**
 * Waits until the worker has scored the whole first-run demo and the radar has raised its alert:
 * the analysis queue is empty, no drain is running, and an alert is stored. (`data-analysis`
 * alone is not enough: the drain the worker starts when elected can finish over a half-seeded
 * inbox, with flags but before the burst is in.)
 */
export async function waitForAnalysedDemo(page: Page, timeout = 180_000): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const open = indexedDB.open('webcare');
          const db = await new Promise<IDBDatabase>(
            (resolve) => (open.onsuccess = () => resolve(open.result)),
          );
          const tx = db.transaction(['analysisQueue', 'alerts', 'meta'], 'readonly');
          const ask = <T>(r: IDBRequest<T>) =>
            new Promise<T>((resolve) => (r.onsuccess = () => resolve(r.result)));
          const [queued, alerts, running] = await Promise.all([
            ask(tx.objectStore('analysisQueue').count()),
            ask(tx.objectStore('alerts').count()),
            ask(
              tx.objectStore('meta').get('analysis-running') as IDBRequest<{ value?: boolean } | undefined>,
            ),
          ]);
          db.close();
          return queued === 0 && alerts > 0 && running?.value !== true;
        }),
      { timeout, intervals: [500, 1000, 2000] },
    )
    .toBe(true);
}

export async function setLanguage(page: Page, lang: 'nl' | 'en'): Promise<void> {
  const html = page.locator('html');
  if ((await html.getAttribute('lang')) !== lang) await page.getByTestId('language-toggle').click();
  await expect(html).toHaveAttribute('lang', lang);
}

/** Switches the theme with the sidebar button and waits for it. */
export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const html = page.locator('html');
  if ((await html.getAttribute('data-theme')) !== theme) await page.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', theme);
}

export const row = (page: Page, id: string) =>
  page.locator(`[data-testid=conversation-row][data-id="${id}"]`);

/** The ids of the rows the list shows now, in order. */
export const rowIds = (page: Page) =>
  page
    .getByTestId('conversation-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));

export interface StoredMessage {
  id: string;
  conversationId: string;
  direction: string;
  text: string;
}

/**
 * Reads rows straight from the app's IndexedDB (the real store, not the UI), so a test can prove
 * what was written where. Only for small reads: one store by key, or one conversation's thread.
 */
export async function readDraft(
  page: Page,
  conversationId: string,
): Promise<{ kind: string; text: string } | null> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('webcare');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      return await new Promise<{ kind: string; text: string } | null>((resolve, reject) => {
        const req = db.transaction('drafts').objectStore('drafts').get(id);
        req.onsuccess = () => resolve((req.result as { kind: string; text: string } | undefined) ?? null);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  }, conversationId);
}

/** Every message of one conversation, oldest first, read from IndexedDB. */
export async function readThread(page: Page, conversationId: string): Promise<StoredMessage[]> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('webcare');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      return await new Promise<StoredMessage[]>((resolve, reject) => {
        const index = db.transaction('messages').objectStore('messages').index('[conversationId+createdAt]');
        const req = index.getAll(IDBKeyRange.bound([id, -Infinity], [id, Infinity]));
        req.onsuccess = () => resolve(req.result as StoredMessage[]);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  }, conversationId);
}

/** The replies an agent queued in one conversation (outgoing messages written here). */
export async function queuedReplies(page: Page, conversationId: string): Promise<string[]> {
  const thread = await readThread(page, conversationId);
  return thread
    .filter(
      (m) =>
        m.direction === 'outgoing' && (m as unknown as { delivery: string | null }).delivery === 'queued',
    )
    .map((m) => m.text);
}
