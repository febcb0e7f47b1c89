import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, SettingsPatchSchema, type SettingsPatch } from '../../shared/settings/schema.ts';
import { initI18n } from '../i18n/i18n.ts';
import { CheckSettingsSection } from './CheckSettingsSection.tsx';

beforeAll(async () => {
  await initI18n('en');
});
afterEach(cleanup);

function setup(settings = DEFAULT_SETTINGS) {
  const patches: SettingsPatch[] = [];
  const onChange = vi.fn(async (p: SettingsPatch) => void patches.push(p));
  render(<CheckSettingsSection settings={settings} onChange={onChange} />);
  return patches;
}

describe('CheckSettingsSection', () => {
  it('saves a mode per check and the duplicate numbers as patches the host accepts', () => {
    const patches = setup({ ...DEFAULT_SETTINGS, checks: { modes: { tone: 'off' } } });
    expect(screen.getByTestId<HTMLSelectElement>('check-mode-tone').value).toBe('off');
    expect(screen.getByTestId<HTMLSelectElement>('check-mode-greetingName').value).toBe('warn');
    fireEvent.change(screen.getByTestId('check-mode-greetingName'), { target: { value: 'block' } });
    const threshold = screen.getByLabelText('… at this similarity (%)');
    fireEvent.change(threshold, { target: { value: '90' } });
    fireEvent.blur(threshold);
    const count = screen.getByLabelText('Same public text: warn from this many earlier posts');
    fireEvent.change(count, { target: { value: '0' } }); // out of range: not saved, put back
    fireEvent.blur(count);
    expect(patches).toEqual([
      { checks: { modes: { greetingName: 'block' } } },
      { checks: { duplicate: { threshold: 0.9 } } },
    ]);
    expect((count as HTMLInputElement).value).toBe('3');
    for (const p of patches) expect(SettingsPatchSchema.safeParse(p).success).toBe(true);
  });

  it('says which order pattern is broken and saves nothing until it is fixed', () => {
    const patches = setup();
    const box = screen.getByLabelText('Order and customer number patterns');
    fireEvent.change(box, { target: { value: 'BN-\\d{6}\nBN-(\\d+' } });
    fireEvent.blur(box);
    expect(screen.getByTestId('order-patterns-hint').textContent).toContain(
      '"BN-(\\d+" is not a valid pattern',
    );
    expect(patches).toEqual([]);
    fireEvent.change(box, { target: { value: 'BN-\\d{6}\n\n' } });
    fireEvent.blur(box);
    expect(patches).toEqual([{ checks: { orderPatterns: ['BN-\\d{6}'] } }]);
  });

  it('a hint cannot be made blocking', () => {
    setup();
    const options = [...screen.getByTestId<HTMLSelectElement>('check-mode-personalTouch').options];
    expect(options.map((o) => o.value)).toEqual(['warn', 'off']);
  });
});
