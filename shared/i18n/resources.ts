import enApp from './en/app.json';
import enMenu from './en/menu.json';
import enAnalysis from './en/analysis.json';
import enChannels from './en/channels.json';
import enTemplates from './en/templates.json';
import enStorage from './en/storage.json';
import enDashboard from './en/dashboard.json';
import nlApp from './nl/app.json';
import nlMenu from './nl/menu.json';
import nlAnalysis from './nl/analysis.json';
import nlChannels from './nl/channels.json';
import nlTemplates from './nl/templates.json';
import nlStorage from './nl/storage.json';
import nlDashboard from './nl/dashboard.json';

/**
 * All UI strings, per language and namespace. English is the reference: the Dutch files must
 * have the same keys (a unit test compares them) and TypeScript types keys from English.
 * Namespaces: `app` (renderer), `menu` (Electron menus and dialogs), `analysis` (risk reasons),
 * `templates` (template library, variable errors and pre-send checks), `channels` (connected
 * accounts, their health, email display, delivery states), `storage` (storage limits, what was
 * not saved, persistence), `dashboard` (monitoring, the author directory, the relationship log,
 * reports).
 */
export const resources = {
  en: {
    app: enApp,
    menu: enMenu,
    analysis: enAnalysis,
    templates: enTemplates,
    channels: enChannels,
    storage: enStorage,
    dashboard: enDashboard,
  },
  nl: {
    app: nlApp,
    menu: nlMenu,
    analysis: nlAnalysis,
    templates: nlTemplates,
    channels: nlChannels,
    storage: nlStorage,
    dashboard: nlDashboard,
  },
} as const;

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const NAMESPACES = [
  'app',
  'menu',
  'analysis',
  'templates',
  'channels',
  'storage',
  'dashboard',
] as const;
export type Namespace = (typeof NAMESPACES)[number];
