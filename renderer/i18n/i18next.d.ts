import 'i18next';
import type { resources } from '../../shared/i18n/resources.ts';

// Keys are typed from the English files: a missing or misspelled key is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: (typeof resources)['en'];
  }
}
