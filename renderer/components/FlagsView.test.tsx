import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FlagRow } from '../../shared/crisis/types.ts';
import type { Author, Conversation } from '../../shared/domain/types.ts';
import { initI18n } from '../i18n/i18n.ts';
import { FlagsView, type FlagsViewProps } from './FlagsView.tsx';

const NOW = Date.UTC(2026, 10, 24, 12, 0);

function flag(id: string, risk: number): FlagRow {
  return {
    conversationId: id,
    risk,
    threshold: 60,
    severity: 0.8,
    reasons: [{ code: 'risk.exposure', value: 90, weight: 9 }],
    state: 'new',
    brand: 'belnet',
    channel: 'x',
    exposureSince: NOW - 90 * 60_000,
    flaggedAt: NOW - 60_000,
    updatedAt: NOW,
    escalatedAt: null,
    active: 1,
  };
}

const conversation = {
  id: 'c-here',
  channel: 'x',
  authorId: 'x:1',
  snippet: 'Al drie dagen geen internet',
} as Conversation;
const author = { id: 'x:1', name: 'Fleur Bos', handle: 'fleur_bos' } as Author;

function props(over: Partial<FlagsViewProps>): FlagsViewProps {
  return {
    flags: [],
    alerts: [],
    conversations: new Map([[conversation.id, conversation]]),
    authors: new Map([[author.id, author]]),
    filter: 'new',
    counts: { new: 2, acknowledged: 0, escalated: 0, dismissed: 0 },
    threshold: 60,
    analysing: false,
    selectedId: null,
    now: NOW,
    lang: 'en',
    onFilter: () => undefined,
    onSelect: () => undefined,
    onStartCrisis: () => undefined,
    ...over,
  };
}

beforeAll(async () => {
  await initI18n('en');
});
afterEach(cleanup);

describe('FlagsView', () => {
  it('shows a flag with its customer and hides one whose conversation is gone (never a bare id)', () => {
    render(<FlagsView {...props({ flags: [flag('demo-c-gone', 90), flag('c-here', 70)] })} />);
    const cards = screen.getAllByTestId('flag-card');
    expect(cards.map((c) => c.getAttribute('data-id'))).toEqual(['c-here']);
    expect(cards[0]!.textContent).toContain('Fleur Bos');
    expect(screen.getByTestId('flags-view').textContent).not.toContain('demo-c-gone');
  });
});
