import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n.ts';
import { Composer, type ComposerProps } from './Composer.tsx';

function props(over: Partial<ComposerProps>): ComposerProps {
  return {
    conversationId: 'c-a',
    channel: 'facebook',
    customerName: 'Peter',
    draft: null,
    focusRequest: null,
    onSaveDraft: () => undefined,
    onSubmit: () => Promise.resolve(true),
    onFocusDone: () => undefined,
    ...over,
  };
}

const field = () => screen.getByRole<HTMLTextAreaElement>('textbox');

describe('Composer', () => {
  beforeAll(() => initI18n('en'));
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('reused for another conversation, it starts from that conversation’s draft, never the old text', () => {
    const { rerender } = render(<Composer {...props({ conversationId: 'c-a' })} />);
    fireEvent.change(field(), { target: { value: 'Hoi Peter-A, dit antwoord is voor A' } });
    rerender(<Composer {...props({ conversationId: 'c-b', draft: null })} />);
    expect(field().value).toBe('');
    rerender(<Composer {...props({ conversationId: 'c-c', draft: { kind: 'note', text: 'C note' } })} />);
    expect(field().value).toBe('C note');
  });

  it('saves the draft under the conversation it was typed in, also when it unmounts before the autosave', () => {
    vi.useFakeTimers();
    const onSaveDraft = vi.fn();
    const { rerender, unmount } = render(<Composer {...props({ conversationId: 'c-a', onSaveDraft })} />);
    fireEvent.change(field(), { target: { value: 'for A' } });
    // The parent moves on to B at once (no key change here, the worst case).
    rerender(<Composer {...props({ conversationId: 'c-b', onSaveDraft })} />);
    act(() => vi.advanceTimersByTime(1000));
    expect(onSaveDraft.mock.calls).toEqual([['c-a', 'reply', 'for A']]);
    fireEvent.change(field(), { target: { value: 'for B' } });
    unmount();
    expect(onSaveDraft.mock.calls).toEqual([
      ['c-a', 'reply', 'for A'],
      ['c-b', 'reply', 'for B'],
    ]);
  });

  it('sends with the conversation id it was typed in, once, and keeps the text when sending fails', async () => {
    const onSubmit = vi.fn<ComposerProps['onSubmit']>().mockResolvedValueOnce(false).mockResolvedValue(true);
    render(<Composer {...props({ conversationId: 'c-a', onSubmit })} />);
    fireEvent.change(field(), { target: { value: 'Dit is voor A' } });
    await act(async () => {
      fireEvent.keyDown(field(), { key: 'Enter', ctrlKey: true });
    });
    expect(field().value).toBe('Dit is voor A');
    await act(async () => {
      fireEvent.keyDown(field(), { key: 'Enter', ctrlKey: true });
    });
    expect(onSubmit.mock.calls).toEqual([
      ['c-a', 'reply', 'Dit is voor A'],
      ['c-a', 'reply', 'Dit is voor A'],
    ]);
    expect(field().value).toBe('');
  });
});
