import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n.ts';
import { EmailBody, type EmailBodyProps } from './EmailBody.tsx';

const HTML =
  '<p>Beste team,</p><p>Zie <a href="https://example.nl/storing">de storingspagina</a>.</p>' +
  '<img src="https://tracker.example.com/open.gif"><script>alert(1)</script>' +
  '<div class="gmail_quote">Op ma 30 nov schreef Team:<blockquote>oud bericht</blockquote></div>';

function props(over: Partial<EmailBodyProps> = {}): EmailBodyProps {
  return {
    messageId: 'm1',
    text: 'Beste team, zie de storingspagina.',
    html: HTML,
    attachments: [],
    lang: 'en',
    onLoadImages: () => Promise.resolve(new Map()),
    onOpenLink: () => undefined,
    onSaveAttachment: () => Promise.resolve(),
    ...over,
  };
}

const shadow = () => screen.getByTestId('email-html').shadowRoot!;

describe('EmailBody', () => {
  beforeAll(() => initI18n('en'));
  afterEach(cleanup);

  it('renders sanitized HTML in its own shadow root with remote images blocked and quoted history folded', () => {
    render(<EmailBody {...props()} />);
    const root = shadow();
    expect(root.innerHTML).not.toContain('<script');
    expect(root.querySelector('img')!.getAttribute('src')).toBeNull();
    expect(root.querySelector('details.wc-quoted .gmail_quote')).not.toBeNull();
    expect(root.querySelector('details.wc-quoted')!.hasAttribute('open')).toBe(false);
    expect(screen.getByTestId('email-images-blocked').textContent).toContain('1 image blocked');
  });

  it('loads images only when asked, through main, as data: URLs', async () => {
    const onLoadImages = vi.fn(() =>
      Promise.resolve(new Map([['https://tracker.example.com/open.gif', 'data:image/gif;base64,R0lG']])),
    );
    render(<EmailBody {...props({ onLoadImages })} />);
    expect(onLoadImages).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(screen.getByTestId('email-load-images')));
    expect(onLoadImages).toHaveBeenCalledWith(['https://tracker.example.com/open.gif']);
    expect(shadow().querySelector('img')!.getAttribute('src')).toBe('data:image/gif;base64,R0lG');
    expect(screen.queryByTestId('email-images-blocked')).toBeNull();
  });

  it('opens links through the app (the OS browser), never inside the window', () => {
    const onOpenLink = vi.fn();
    render(<EmailBody {...props({ onOpenLink })} />);
    const link = shadow().querySelector('a')!;
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(onOpenLink).toHaveBeenCalledWith('https://example.nl/storing');
  });

  it('shows plain text with signature and quoted history collapsed', () => {
    render(
      <EmailBody
        {...props({
          html: null,
          text: 'Nog steeds kapot.\n\n-- \nKees\n\nOp 1 dec schreef Team <t@x>:\n> eerder',
        })}
      />,
    );
    expect(screen.getByTestId('email-text').querySelector('.message-text')!.textContent).toBe(
      'Nog steeds kapot.',
    );
    expect((screen.getByTestId('email-quoted') as HTMLDetailsElement).open).toBe(false);
    expect(screen.getByTestId('email-signature').textContent).toContain('Kees');
  });

  it('lists attachments and saves one on demand', async () => {
    const onSaveAttachment = vi.fn(() => Promise.resolve());
    const attachment = { name: 'factuur.pdf', size: 20_480, contentType: 'application/pdf', partId: '2' };
    render(<EmailBody {...props({ attachments: [attachment], onSaveAttachment })} />);
    expect(screen.getByTestId('email-attachments').textContent).toMatch(/1 attachment.*factuur\.pdf.*20 kB/);
    await act(async () => fireEvent.click(screen.getByTestId('attachment-save-2')));
    expect(onSaveAttachment).toHaveBeenCalledWith(attachment);
  });
});
