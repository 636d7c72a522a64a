import { LANGUAGES, lang, setLang, t } from '../lib/i18n.js';

/** Switches between 简体中文 and English; each option is named in its own language. */
export function LanguageSwitch() {
  const current = lang();
  const other = LANGUAGES.find((l) => l !== current);
  return (
    <button
      type="button"
      class="button-link lang-switch"
      lang={other}
      onClick={() => setLang(other)}
      data-testid="language-switch"
    >
      {t(`language.${other}`)}
    </button>
  );
}
