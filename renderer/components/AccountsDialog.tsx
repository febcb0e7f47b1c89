import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmailAccountSettingsSchema, EmailSecretsSchema } from '../../shared/channels/schemas.ts';
import type { AccountConfig, AccountInfo, ConnectionReport, TlsMode } from '../../shared/channels/schemas.ts';
import type { WebcareApi } from '../../shared/ipc/contract.ts';
import type { UiLanguage } from '../i18n/format.ts';
import { AccountHealthLine, errorText } from './AccountHealth.tsx';
import { Dialog } from './Dialog.tsx';

/**
 * Connected accounts: add an email account (test the connection first and see what was found),
 * pause, resume, remove, enter a refused password again. Settings and credentials go to main;
 * the password never comes back (the form forgets it once saved).
 */
export interface AccountsDialogProps {
  accounts: AccountInfo[] | undefined;
  api: WebcareApi;
  mode: 'electron' | 'browser';
  now: number;
  lang: UiLanguage;
  /** Open with this account's password field (the sidebar's "Fix"). */
  fixAccountId?: string | null;
  onClose: () => void;
}

interface FormState {
  name: string;
  address: string;
  displayName: string;
  imapHost: string;
  imapPort: string;
  imapTls: TlsMode;
  imapUser: string;
  smtpHost: string;
  smtpPort: string;
  smtpTls: TlsMode;
  smtpUser: string;
  password: string;
  smtpPassword: string;
  folders: string;
  historyDays: string;
}

const EMPTY: FormState = {
  name: '',
  address: '',
  displayName: '',
  imapHost: '',
  imapPort: '993',
  imapTls: 'tls',
  imapUser: '',
  smtpHost: '',
  smtpPort: '587',
  smtpTls: 'starttls',
  smtpUser: '',
  password: '',
  smtpPassword: '',
  folders: 'INBOX',
  historyDays: '30',
};

type FieldKey =
  | 'name'
  | 'address'
  | 'imapHost'
  | 'imapPort'
  | 'imapUser'
  | 'smtpHost'
  | 'smtpPort'
  | 'smtpUser'
  | 'password'
  | 'folders'
  | 'historyDays'
  | 'tls';

/** Builds the request from the form, or says which fields are wrong (zod, the same schemas main checks). */
export function buildEmailRequest(form: FormState):
  | {
      ok: true;
      name: string;
      config: AccountConfig;
      secrets: { connector: 'email'; secrets: { password: string; smtpPassword?: string } };
    }
  | { ok: false; fields: FieldKey[] } {
  const fields = new Set<FieldKey>();
  if (!form.name.trim()) fields.add('name');
  const settings = EmailAccountSettingsSchema.safeParse({
    address: form.address.trim(),
    displayName: form.displayName.trim() || null,
    imap: {
      host: form.imapHost.trim(),
      port: Number(form.imapPort),
      tls: form.imapTls,
      user: form.imapUser.trim() || form.address.trim(),
    },
    smtp: {
      host: form.smtpHost.trim(),
      port: Number(form.smtpPort),
      tls: form.smtpTls,
      user: form.smtpUser.trim() || form.address.trim(),
    },
    folders: form.folders
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean),
    sentFolder: null,
    historyDays: Number(form.historyDays),
  });
  const secrets = EmailSecretsSchema.safeParse({
    password: form.password,
    ...(form.smtpPassword ? { smtpPassword: form.smtpPassword } : {}),
  });
  if (!settings.success)
    for (const issue of settings.error.issues) {
      const [top, sub] = issue.path.map(String);
      if (sub === 'tls') fields.add('tls');
      else if (top === 'imap' || top === 'smtp')
        fields.add(`${top}${sub === 'host' ? 'Host' : sub === 'port' ? 'Port' : 'User'}` as FieldKey);
      else if (top === 'address' || top === 'folders' || top === 'historyDays') fields.add(top);
    }
  if (!secrets.success) fields.add('password');
  if (fields.size > 0 || !settings.success || !secrets.success) return { ok: false, fields: [...fields] };
  return {
    ok: true,
    name: form.name.trim(),
    config: { connector: 'email', settings: settings.data },
    secrets: { connector: 'email', secrets: secrets.data },
  };
}

function ReportView({ report }: { report: ConnectionReport }) {
  const { t } = useTranslation('channels');
  const { incoming, outgoing } = report;
  return (
    <div
      className={`connection-report ${report.ok ? 'ok' : 'failed'}`}
      data-testid="connection-report"
      data-ok={report.ok}
    >
      <h3 className="form-section">{t('report.title')}</h3>
      {report.ok && <p className="report-ok">{t('report.ok')}</p>}
      <ul className="report-lines">
        <li className={incoming.ok ? 'ok' : 'bad'} data-testid="report-incoming">
          {incoming.ok
            ? t('report.incomingOk', { server: incoming.server })
            : t('report.incomingFailed', {
                server: incoming.server,
                reason: incoming.error ? errorText(incoming.error, t) : '',
              })}
        </li>
        {incoming.ok && <li>{incoming.push ? t('report.push') : t('report.noPush')}</li>}
        {incoming.ok && incoming.condstore && <li>{t('report.condstore')}</li>}
        {incoming.ok && (
          <li>
            {incoming.sentFolder
              ? t('report.sentFolder', { folder: incoming.sentFolder })
              : t('report.noSentFolder')}
          </li>
        )}
        <li className={outgoing.ok ? 'ok' : 'bad'} data-testid="report-outgoing">
          {outgoing.ok
            ? t('report.outgoingOk', { server: outgoing.server })
            : t('report.outgoingFailed', {
                server: outgoing.server,
                reason: outgoing.error ? errorText(outgoing.error, t) : '',
              })}
        </li>
      </ul>
      {incoming.folders.length > 0 && (
        <details>
          <summary>{t('report.folders')}</summary>
          <ul className="report-folders" data-testid="report-folders">
            {incoming.folders.map((f) => (
              <li key={f.path}>
                {f.path}
                {f.messages !== null && (
                  <span className="muted"> · {t('report.messages', { count: f.messages })}</span>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      {incoming.capabilities.length > 0 && (
        <details>
          <summary>{t('report.capabilities')}</summary>
          <p className="muted small">{[...incoming.capabilities, ...outgoing.capabilities].join(' · ')}</p>
        </details>
      )}
    </div>
  );
}

function EmailAccountForm({ api, onDone }: { api: WebcareApi; onDone: () => void }) {
  const { t } = useTranslation('channels');
  const [form, setForm] = useState<FormState>(EMPTY);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (key: keyof FormState) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const value = e.target.value;
    setForm((f) => {
      const next = { ...f, [key]: value };
      // A mailbox at example.nl usually has imap.example.nl and smtp.example.nl: suggest them.
      if (key === 'address') {
        const domain = value.split('@')[1] ?? '';
        if (!f.imapHost || f.imapHost === `imap.${f.address.split('@')[1] ?? ''}`)
          next.imapHost = domain ? `imap.${domain}` : '';
        if (!f.smtpHost || f.smtpHost === `smtp.${f.address.split('@')[1] ?? ''}`)
          next.smtpHost = domain ? `smtp.${domain}` : '';
      }
      return next;
    });
  };
  const request = () => {
    const built = buildEmailRequest(form);
    if (!built.ok) {
      setProblem(
        t('accounts.invalid', { fields: built.fields.map((f) => t(`accounts.fields.${f}`)).join(', ') }),
      );
      return null;
    }
    setProblem(null);
    return built;
  };
  const run = async (kind: 'test' | 'save') => {
    const built = request();
    if (!built) return;
    setBusy(kind);
    try {
      if (kind === 'test')
        setReport(await api.invoke('accounts:test', { config: built.config, secrets: built.secrets }));
      else {
        await api.invoke('accounts:add', { name: built.name, config: built.config, secrets: built.secrets });
        setForm(EMPTY);
        onDone();
      }
    } catch (error) {
      setProblem(t('accounts.failed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(null);
    }
  };
  const input = (
    key: keyof FormState,
    label: string,
    type = 'text',
    extra: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <>
      <label htmlFor={`acc-${key}`}>{label}</label>
      <input
        id={`acc-${key}`}
        type={type}
        value={form[key]}
        onChange={set(key)}
        data-testid={`acc-${key}`}
        {...extra}
      />
    </>
  );
  const tls = (key: 'imapTls' | 'smtpTls') => (
    <>
      <label htmlFor={`acc-${key}`}>{t('accounts.tls')}</label>
      <select id={`acc-${key}`} value={form[key]} onChange={set(key)} data-testid={`acc-${key}`}>
        {(['tls', 'starttls', 'none'] as const).map((m) => (
          <option key={m} value={m}>
            {t(`accounts.tlsModes.${m}`)}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <form
      className="account-form"
      data-testid="account-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run('save');
      }}
    >
      <h3 className="form-section">{t('accounts.addTitle')}</h3>
      <div className="form-grid">
        {input('name', t('accounts.name'), 'text', {
          placeholder: t('accounts.namePlaceholder'),
          maxLength: 200,
        })}
        {input('address', t('accounts.address'), 'email', { autoComplete: 'off' })}
        {input('displayName', t('accounts.displayName'), 'text', {
          placeholder: t('accounts.displayNamePlaceholder'),
          maxLength: 200,
        })}
        <h4 className="form-section">{t('accounts.incoming')}</h4>
        {input('imapHost', t('accounts.host'))}
        {input('imapPort', t('accounts.port'), 'number', { min: 1, max: 65535 })}
        {tls('imapTls')}
        {input('imapUser', t('accounts.user'), 'text', { placeholder: form.address })}
        <h4 className="form-section">{t('accounts.outgoing')}</h4>
        {input('smtpHost', t('accounts.host'))}
        {input('smtpPort', t('accounts.port'), 'number', { min: 1, max: 65535 })}
        {tls('smtpTls')}
        {input('smtpUser', t('accounts.user'), 'text', { placeholder: form.address })}
        {input('password', t('accounts.password'), 'password', { autoComplete: 'new-password' })}
        {input('smtpPassword', t('accounts.smtpPassword'), 'password', { autoComplete: 'new-password' })}
        {input('folders', t('accounts.folders'))}
        <span />
        <p className="muted small">{t('accounts.foldersHint')}</p>
        {input('historyDays', t('accounts.historyDays'), 'number', { min: 1, max: 3650 })}
        <span />
        <p className="muted small">{t('accounts.historyHint')}</p>
      </div>
      {problem && (
        <p className="form-error" role="alert" data-testid="account-form-error">
          {problem}
        </p>
      )}
      {report && <ReportView report={report} />}
      <div className="dialog-actions">
        <button
          type="button"
          onClick={() => void run('test')}
          disabled={busy !== null}
          data-testid="account-test"
        >
          {busy === 'test' ? t('accounts.testing') : t('accounts.test')}
        </button>
        <button type="submit" className="primary" disabled={busy !== null} data-testid="account-save">
          {busy === 'save' ? t('accounts.saving') : t('accounts.save')}
        </button>
      </div>
    </form>
  );
}

function AccountRow({
  account,
  api,
  now,
  lang,
  fixing,
  onFix,
}: {
  account: AccountInfo;
  api: WebcareApi;
  now: number;
  lang: UiLanguage;
  fixing: boolean;
  onFix: (id: string | null) => void;
}) {
  const { t } = useTranslation('channels');
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!fixing) return;
    // After the dialog opened (showModal focuses its first control), go to the password.
    const timer = setTimeout(() => passwordRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [fixing]);
  const act = async (job: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await job();
    } catch (error) {
      setProblem(t('accounts.failed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };
  const settings = account.config.settings;
  return (
    <li className="account-row" data-testid={`account-${account.id}`} data-state={account.health.state}>
      <div className="account-main">
        <strong>{account.name}</strong> <span className="muted">{settings.address}</span>
        <div>
          <AccountHealthLine account={account} now={now} lang={lang} onFix={() => onFix(account.id)} />
        </div>
      </div>
      <div className="account-actions">
        <button
          disabled={busy}
          onClick={() =>
            void act(async () =>
              setReport(await api.invoke('accounts:test', { accountId: account.id, config: account.config })),
            )
          }
          data-testid={`account-test-${account.id}`}
        >
          {t('accounts.test')}
        </button>
        <button
          disabled={busy}
          onClick={() =>
            void act(() => api.invoke('accounts:pause', { accountId: account.id, paused: !account.paused }))
          }
          data-testid={`account-pause-${account.id}`}
        >
          {account.paused ? t('accounts.resume') : t('accounts.pause')}
        </button>
        {confirming ? (
          <button
            className="danger"
            disabled={busy}
            onClick={() => void act(() => api.invoke('accounts:remove', { accountId: account.id }))}
            data-testid={`account-remove-confirm-${account.id}`}
          >
            {t('accounts.remove')}
          </button>
        ) : (
          <button
            disabled={busy}
            onClick={() => setConfirming(true)}
            data-testid={`account-remove-${account.id}`}
          >
            {t('accounts.remove')}
          </button>
        )}
      </div>
      {confirming && (
        <p className="muted small">
          {t('accounts.removeConfirm', { name: account.name })}{' '}
          <button className="link-button" onClick={() => setConfirming(false)}>
            {t('accounts.cancel')}
          </button>
        </p>
      )}
      {(fixing || account.health.state === 'auth-failed' || !account.hasSecrets) && (
        <form
          className="account-fix"
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = EmailSecretsSchema.safeParse({ password });
            if (!parsed.success) {
              setProblem(t('accounts.invalid', { fields: t('accounts.fields.password') }));
              return;
            }
            void act(async () => {
              await api.invoke('accounts:update', {
                accountId: account.id,
                secrets: { connector: 'email', secrets: parsed.data },
              });
              setPassword('');
              onFix(null);
            });
          }}
        >
          <label htmlFor={`fix-${account.id}`}>{t('accounts.fixPassword')}</label>
          <input
            id={`fix-${account.id}`}
            type="password"
            value={password}
            autoComplete="new-password"
            onChange={(e) => setPassword(e.target.value)}
            data-testid={`account-password-${account.id}`}
            ref={passwordRef}
          />
          <button
            type="submit"
            className="primary"
            disabled={busy}
            data-testid={`account-password-save-${account.id}`}
          >
            {t('accounts.savePassword')}
          </button>
        </form>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {report && <ReportView report={report} />}
    </li>
  );
}

export function AccountsDialog(p: AccountsDialogProps) {
  const { t } = useTranslation('channels');
  const [adding, setAdding] = useState(false);
  const [fixing, setFixing] = useState<string | null>(p.fixAccountId ?? null);
  const [protection, setProtection] = useState<'safe-storage' | 'os-keyring' | 'key-file' | null>(null);
  useEffect(() => {
    let live = true;
    void p.api
      .invoke('accounts:protection')
      .then((r) => live && setProtection(r.protection))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [p.api]);
  const accounts = p.accounts ?? [];
  return (
    <Dialog title={t('accounts.title')} onClose={p.onClose} wide testId="accounts-dialog">
      {p.accounts !== undefined && accounts.length === 0 && !adding && (
        <p className="muted">{t('accounts.empty')}</p>
      )}
      {accounts.length > 0 && (
        <ul className="account-list" data-testid="account-list">
          {accounts.map((a) => (
            <AccountRow
              key={a.id}
              account={a}
              api={p.api}
              now={p.now}
              lang={p.lang}
              fixing={fixing === a.id}
              onFix={setFixing}
            />
          ))}
        </ul>
      )}
      {adding ? (
        <EmailAccountForm api={p.api} onDone={() => setAdding(false)} />
      ) : (
        <div className="dialog-actions start">
          <button className="primary" onClick={() => setAdding(true)} data-testid="account-add">
            {t('accounts.add')}
          </button>
        </div>
      )}
      <p className="muted small" data-testid="accounts-protection">
        {protection && t(`accounts.protection.${protection}`)}{' '}
        {p.mode === 'browser' && t('accounts.browserMode')}
      </p>
      <div className="dialog-actions">
        <button onClick={p.onClose}>{t('accounts.close')}</button>
      </div>
    </Dialog>
  );
}
