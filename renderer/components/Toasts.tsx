import { useTranslation } from 'react-i18next';

export interface Toast {
  id: number;
  text: string;
  /** Id of the action the toast reports; Undo takes back exactly that one. */
  undo?: string;
  tone?: 'info' | 'error';
}

export function Toasts({
  toasts,
  onUndo,
  onDismiss,
}: {
  toasts: Toast[];
  onUndo: (eventId: string) => void;
  onDismiss: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast ${toast.tone === 'error' ? 'toast-error' : ''}`}
          data-testid="toast"
        >
          <span>{toast.text}</span>
          {toast.undo && (
            <button className="toast-action" onClick={() => onUndo(toast.undo!)}>
              {t('toasts.undo')} <kbd>Z</kbd>
            </button>
          )}
          <button
            className="toast-close"
            aria-label={t('toasts.dismiss')}
            onClick={() => onDismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
