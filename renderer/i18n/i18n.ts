import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { NAMESPACES, resources, type Language } from '../../shared/i18n/resources.ts';

/** One i18next instance for the renderer; the language switches at runtime without reload. */
export async function initI18n(language: Language): Promise<typeof i18next> {
  if (!i18next.isInitialized) {
    await i18next.use(initReactI18next).init({
      resources,
      lng: language,
      fallbackLng: 'en',
      defaultNS: 'app',
      ns: [...NAMESPACES],
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  } else if (i18next.language !== language) {
    await i18next.changeLanguage(language);
  }
  document.documentElement.lang = language;
  return i18next;
}

export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
