import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { resources } from '../i18n/resources.ts';
import { CHECK_CODES, CHECK_MESSAGE_KEYS } from './types.ts';
import { TEMPLATE_ERROR_CODES } from '../templates/variables.ts';
import { IMPORT_ERROR_KEYS } from '../templates/io.ts';

const params = {
  count: 2,
  hours: 24,
  placeholder: '{{x}}',
  text: 'klant',
  name: 'Piet',
  expected: 'Sanne',
  evidence: '😊',
  used: 290,
  limit: 280,
  over: 10,
  percent: 40,
  line: 2,
  column: 5,
  suggestion: 'customer.firstName',
  max: 1,
  version: 2,
  supported: 1,
  template: 3,
  field: 'category',
  id: 't',
  code: 'refund',
  lang: 'nl',
  style: 'short',
  variant: 1,
};

describe('check and template messages', () => {
  for (const lng of ['nl', 'en'] as const) {
    it(`every key a check or the template parser returns has a ${lng} text with its values filled in`, async () => {
      const i18n = i18next.createInstance();
      await i18n.init({
        resources,
        lng,
        ns: ['templates'],
        defaultNS: 'templates',
        interpolation: { escapeValue: false },
      });
      const keys = [
        ...CHECK_MESSAGE_KEYS,
        ...CHECK_CODES.map((c) => `checks.names.${c}`),
        ...TEMPLATE_ERROR_CODES.map((c) => `errors.${c}`),
        'errors.unknownVariableSuggestion',
        ...IMPORT_ERROR_KEYS,
      ];
      // Keys are built at run time here, so the typed `t` (renderer/i18n/i18next.d.ts) cannot check them.
      const t = i18n.t.bind(i18n) as unknown as (key: string, values: object) => string;
      for (const key of keys) {
        const text = t(key, params);
        expect({ key, missing: text === key }).toEqual({ key, missing: false });
        expect({ key, leftover: /{{\s*\w+\s*}}/.test(text.replace('{{x}}', '')) }).toEqual({
          key,
          leftover: false,
        });
      }
    });
  }
});
