import { Component, type ReactNode } from 'react';
import i18next from 'i18next';

/** A full-window error state that works even when the app itself failed to start. */
export function FatalScreen({ message }: { message: string }) {
  const t = (k: 'app.fatal' | 'app.fatalHint' | 'app.reload') => (i18next.isInitialized ? i18next.t(k) : k);
  return (
    <div className="fatal" role="alert" data-testid="fatal">
      <h1>{t('app.fatal')}</h1>
      <p>{t('app.fatalHint')}</p>
      <pre>{message}</pre>
      <button className="primary" onClick={() => window.location.reload()}>
        {t('app.reload')}
      </button>
    </div>
  );
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <FatalScreen message={this.state.error.message} /> : this.props.children;
  }
}
