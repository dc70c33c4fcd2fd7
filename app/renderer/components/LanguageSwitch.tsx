import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n/i18n';
import { uiSlice, useAppDispatch, useAppSelector } from '../state/store';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const language = useAppSelector((s) => s.ui.language);
  const next = language === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      lang={next}
      onClick={() => {
        void switchLanguage(next).then(() => dispatch(uiSlice.actions.language(next)));
      }}
    >
      {t('lang.switchTo')}
    </button>
  );
}
