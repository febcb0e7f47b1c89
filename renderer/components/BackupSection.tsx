import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnapshotInfo } from '../../shared/backup/schemas.ts';
import { byteSize } from '../../shared/i18n/numbers.ts';
import { snapshotSummary } from '../../shared/backup/summary.ts';
import type { AutoBackupState } from '../app/autoBackup.ts';
import { absolute } from '../i18n/format.ts';
import type { ParsedSnapshot, SnapshotErrorCode } from '../db/snapshot.ts';

const SHOWN = 6;

type Busy =
  | { step: 'writing'; share: number }
  | { step: 'checking'; name: string }
  | { step: 'saving-current' }
  | { step: 'restoring' }
  | { step: 'restored' };

/** What the backup section does with snapshots (containers/SettingsContainer.tsx provides it). */
export interface BackupActions {
  /** The snapshots main keeps, newest first. */
  list(): Promise<SnapshotInfo[]>;
  /** Writes a manual snapshot now. */
  backUp(onProgress: (done: number, total: number) => void): Promise<SnapshotInfo>;
  /** Reads and checks a snapshot whole; throws when it is not one. */
  read(name: string): Promise<ParsedSnapshot>;
  /** Backs the current inbox up, then replaces it with `snapshot` in one transaction. */
  restore(snapshot: ParsedSnapshot, onStep: (step: 'saving-current' | 'restoring') => void): Promise<void>;
  /** Why the checks refused a snapshot, or `null` when `error` is another failure. */
  refusal(error: unknown): SnapshotErrorCode | null;
}

export interface BackupSectionProps {
  actions: BackupActions;
  /** The last automatic backup of this session (`null`: none yet). */
  auto: AutoBackupState | null;
  /** How many automatic backups main keeps. */
  kept: number;
}

/**
 * Settings → Backups: back up now (with progress), the latest snapshots, and restore with a
 * preview and a confirmation. A snapshot is checked whole (main: size and SHA-256; here: every
 * line, the trailer, the counts) before the confirmation is even offered; the current inbox is
 * backed up before it is replaced, and the replacement is one transaction.
 */
export function BackupSection({ actions, auto, kept }: BackupSectionProps) {
  const { t, i18n } = useTranslation('storage');
  const lang = i18n.language === 'nl' ? 'nl' : 'en';
  const [list, setList] = useState<SnapshotInfo[] | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [preview, setPreview] = useState<ParsedSnapshot | null>(null);
  const refresh = useCallback(() => void actions.list().then(setList, () => setList([])), [actions]);
  useEffect(refresh, [refresh, auto]);
  const when = (ms: number) => absolute(ms, lang);
  const errorText = (e: unknown) => {
    const code = actions.refusal(e);
    return code ? t('backup.refused', { reason: t(`backup.problem.${code}`) }) : null;
  };

  const backUpNow = async () => {
    setMessage(null);
    setBusy({ step: 'writing', share: 0 });
    try {
      const info = await actions.backUp((done, total) =>
        setBusy({ step: 'writing', share: total ? done / total : 1 }),
      );
      setMessage({
        tone: 'ok',
        text: t('backup.made', { size: byteSize(info.bytes, lang), count: info.counts.conversations ?? 0 }),
      });
    } catch (e) {
      setMessage({ tone: 'error', text: t('backup.failed', { message: (e as Error).message }) });
    } finally {
      setBusy(null);
      refresh();
    }
  };

  const check = async (name: string) => {
    setMessage(null);
    setPreview(null);
    setBusy({ step: 'checking', name });
    try {
      setPreview(await actions.read(name));
    } catch (e) {
      setMessage({
        tone: 'error',
        text: errorText(e) ?? t('backup.restoreFailed', { message: (e as Error).message }),
      });
    } finally {
      setBusy(null);
    }
  };

  const restore = async (snapshot: ParsedSnapshot) => {
    setPreview(null);
    try {
      await actions.restore(snapshot, (step) => setBusy({ step }));
      setBusy({ step: 'restored' });
      // Every live query, the leader's workers and the counters start again from the restored data.
      setTimeout(() => window.location.reload(), 600);
    } catch (e) {
      setBusy(null);
      setMessage({ tone: 'error', text: t('backup.restoreFailed', { message: (e as Error).message }) });
      refresh();
    }
  };

  const summary = preview ? snapshotSummary(preview.header.counts) : null;
  return (
    <>
      <h3 className="form-section">{t('backup.title')}</h3>
      <span />
      <div className="backup-settings" data-testid="backup-settings">
        <p className="muted small">{t('backup.hint', { keep: kept })}</p>
        {auto && (
          <p className={auto.ok ? 'muted small' : 'form-error'} data-testid="backup-auto">
            {auto.ok
              ? t('backup.lastAuto', { when: when(auto.at) })
              : t('backup.lastAutoFailed', { when: when(auto.at), message: auto.message ?? '' })}
          </p>
        )}
        <div>
          <button data-testid="backup-now" disabled={busy !== null} onClick={() => void backUpNow()}>
            {t('backup.now')}
          </button>
        </div>
        {busy && (
          <p aria-live="polite" data-testid="backup-progress" data-step={busy.step}>
            {busy.step === 'writing'
              ? t('backup.writing', { percent: busy.share })
              : busy.step === 'checking'
                ? t('backup.checking')
                : busy.step === 'saving-current'
                  ? t('backup.savingCurrent')
                  : busy.step === 'restoring'
                    ? t('backup.restoring')
                    : t('backup.restored')}
          </p>
        )}
        {busy?.step === 'writing' && <progress max={1} value={busy.share} />}
        {message && (
          <p
            className={message.tone === 'error' ? 'form-error' : 'muted'}
            role={message.tone === 'error' ? 'alert' : 'status'}
            data-testid="backup-message"
            data-tone={message.tone}
          >
            {message.text}
          </p>
        )}
        {preview && summary && (
          <div
            className="confirm"
            role="alertdialog"
            aria-labelledby="restore-title"
            data-testid="restore-confirm"
          >
            <strong id="restore-title">
              {t('backup.confirmTitle', { when: when(preview.info.createdAt) })}
            </strong>
            <p>{t('backup.confirmBody', summary)}</p>
            <div className="confirm-actions">
              <button onClick={() => setPreview(null)} autoFocus>
                {t('backup.keep')}
              </button>
              <button
                className="danger"
                data-testid="restore-confirm-button"
                onClick={() => void restore(preview)}
              >
                {t('backup.confirm')}
              </button>
            </div>
          </div>
        )}
        {list === null ? (
          <p className="muted small">{t('backup.loading')}</p>
        ) : list.length === 0 ? (
          <p className="muted small">{t('backup.none')}</p>
        ) : (
          <ul className="backup-list">
            {list.slice(0, SHOWN).map((s) => (
              <li key={s.name} data-testid="backup-row" data-name={s.name} data-reason={s.reason}>
                <span>
                  {t('backup.row', {
                    when: when(s.createdAt),
                    reason: t(`backup.reason.${s.reason}`),
                    size: byteSize(s.bytes, lang),
                    count: s.counts.conversations ?? 0,
                  })}
                </span>
                <button
                  className="link"
                  disabled={busy !== null}
                  data-testid="backup-restore"
                  onClick={() => void check(s.name)}
                >
                  {t('backup.restore')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
