import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Author, ConversationRow, Message } from '../../shared/domain/types.ts';
import { conversationRow } from '../test/ids.ts';
import { initI18n, setLanguage } from '../i18n/i18n.ts';
import { ConversationView, type ConversationViewProps } from './ConversationView.tsx';
import type { ConversationDetail } from './types.ts';

const NOW = Date.UTC(2026, 10, 24, 12, 0);

const conversation: ConversationRow = {
  ...conversationRow({
    id: 'c-1',
    authorId: 'x:1',
    lastMessageAt: NOW,
    snippet: 'hoi',
    messageCount: 2,
    public: true,
    lang: 'nl',
    brand: 'belnet',
  }),
  unread: 0,
};

const message = (id: string, metrics: Message['metrics']): Message =>
  ({
    id,
    conversationId: 'c-1',
    channel: 'x',
    direction: 'incoming',
    public: true,
    authorId: 'x:1',
    text: `bericht ${id}`,
    createdAt: NOW - 60_000,
    lang: 'nl',
    inReplyTo: null,
    metrics,
    brand: 'belnet',
    delivery: null,
    demo: 0,
  }) as Message;

function detail(over: Partial<ConversationDetail> = {}): ConversationDetail {
  return {
    conversation,
    messages: [
      message('m1', { likes: 1, reposts: 1, quotes: 0, replies: 1 }),
      message('m2', { likes: 1900, reposts: 2, quotes: 1, replies: 48_200 }),
    ],
    author: {
      id: 'x:1',
      channel: 'x',
      handle: 'fleur_bos',
      name: 'Fleur Bos',
      followers: 1900,
      verified: false,
      messageCount: 2,
      firstSeenAt: NOW - 86_400_000,
      demo: 0,
    } as unknown as Author,
    history: [],
    draft: null,
    flag: null,
    outbox: new Map(),
    ...over,
  };
}

function props(over: Partial<ConversationViewProps>): ConversationViewProps {
  return {
    detail: detail(),
    labels: new Map(),
    me: 'me',
    agentNames: new Map(),
    brandNames: new Map(),
    now: NOW,
    lang: 'nl',
    focusRequest: null,
    onDecide: () => undefined,
    onStartCrisis: () => undefined,
    onRunCommand: () => undefined,
    onSelect: () => undefined,
    onSaveDraft: () => undefined,
    onSubmit: () => Promise.resolve(true),
    onFocusDone: () => undefined,
    ...over,
  };
}

afterEach(cleanup);

describe('ConversationView', () => {
  it('writes counts in Dutch, singular for one', async () => {
    await initI18n('nl');
    await setLanguage('nl');
    render(<ConversationView {...props({ lang: 'nl' })} />);
    const metrics = screen.getAllByText(/like/).map((e) => e.textContent);
    expect(metrics).toEqual(['1 like · 1 repost · 1 reactie', '1,9K likes · 3 reposts · 48K reacties']);
    expect(screen.getByTestId('author-card').textContent).toContain('1,9K volgers');
  });

  it('writes counts in English, singular for one', async () => {
    await initI18n('en');
    await setLanguage('en');
    render(<ConversationView {...props({ lang: 'en' })} />);
    const metrics = screen.getAllByText(/like/).map((e) => e.textContent);
    expect(metrics).toEqual(['1 like · 1 repost · 1 reply', '1.9k likes · 3 reposts · 48k replies']);
    expect(screen.getByTestId('author-card').textContent).toContain('1.9k followers');
  });

  it('shows an e-mail address as it is and an X handle with @', async () => {
    await initI18n('en');
    await setLanguage('en');
    const email = 'annemarie.van.der.heijden@voorbeeld.example.nl';
    const base = detail();
    const { rerender } = render(
      <ConversationView
        {...props({
          lang: 'en',
          detail: {
            ...base,
            conversation: { ...conversation, channel: 'email' },
            author: { ...base.author!, channel: 'email', handle: email },
          },
        })}
      />,
    );
    expect(screen.getByTitle(email).textContent).toBe(email);
    rerender(<ConversationView {...props({ lang: 'en' })} />);
    expect(screen.getByTitle('@fleur_bos').textContent).toBe('@fleur_bos');
  });

  it('shows a loading state, not another conversation, while the detail loads', async () => {
    await initI18n('en');
    render(<ConversationView {...props({ detail: undefined })} />);
    expect(screen.getByTestId('conversation-loading')).toBeTruthy();
    expect(screen.queryByTestId('conversation-view')).toBeNull();
  });
});
