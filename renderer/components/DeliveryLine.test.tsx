import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { newOutboxEntry } from '../../shared/outbox/state.ts';
import type { OutboxRow } from '../db/schema.ts';
import { SEND_CHECK_HOLD } from '../../shared/checks/hold.ts';
import { initI18n } from '../i18n/i18n.ts';
import { DeliveryLine } from './DeliveryLine.tsx';

const NOW = Date.UTC(2026, 11, 1, 10, 0);

function heldRow(reasons: OutboxRow['heldReasons']): OutboxRow {
  return {
    ...newOutboxEntry({
      messageId: 'm-1',
      conversationId: 'c-1',
      accountId: 'email-1',
      idempotencyKey: 'k-1',
      order: 1,
      now: NOW,
    }),
    status: 'held',
    heldReasons: reasons,
    channel: 'email',
  };
}

beforeAll(async () => {
  await initI18n('en');
});
afterEach(async () => {
  cleanup();
  await i18next.changeLanguage('en');
});

describe('DeliveryLine of a held reply', () => {
  it('says why in words (nl and en), and "send anyway" asks for a reason before it acts', async () => {
    const onAction = vi.fn();
    const row = heldRow([
      { code: 'new-customer-message', since: NOW },
      { code: SEND_CHECK_HOLD, since: NOW, detail: 'nearDuplicate' },
    ]);
    const { rerender } = render(
      <DeliveryLine row={row} fallback={null} lang="en" now={NOW} onAction={onAction} />,
    );
    const line = screen.getByTestId('delivery');
    expect(line.getAttribute('data-status')).toBe('held');
    expect(line.textContent).toContain('The customer wrote again after this reply was written.');
    expect(line.textContent).toContain('Check before sending: Same text posted before');
    fireEvent.click(screen.getByTestId('delivery-send-anyway'));
    const confirm = screen.getByTestId('delivery-send-anyway-confirm') as HTMLButtonElement;
    fireEvent.change(screen.getByTestId('delivery-send-anyway-reason'), { target: { value: 'ok' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.click(confirm);
    expect(onAction).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('delivery-send-anyway-reason'), {
      target: { value: ' Antwoord klopt nog steeds ' },
    });
    fireEvent.click(confirm);
    expect(onAction).toHaveBeenCalledWith('m-1', {
      type: 'send-anyway',
      reason: 'Antwoord klopt nog steeds',
    });

    await i18next.changeLanguage('nl');
    rerender(<DeliveryLine row={row} fallback={null} lang="nl" now={NOW} onAction={onAction} />);
    expect(screen.getByTestId('delivery').textContent).toContain(
      'De klant schreef opnieuw nadat dit antwoord geschreven was.',
    );
    expect(screen.getByTestId('delivery-send-anyway').textContent).toBe('Toch versturen');
  });

  it('offers no "send anyway" for a hold that is a state (the crisis pause): releasing cannot lift it', () => {
    render(
      <DeliveryLine
        row={heldRow([{ code: 'crisis-pause', since: NOW }])}
        fallback={null}
        lang="en"
        now={NOW}
        onAction={vi.fn()}
      />,
    );
    expect(screen.getByTestId('delivery').textContent).toContain('Automatic replies are paused');
    expect(screen.queryByTestId('delivery-send-anyway')).toBeNull();
  });
});
