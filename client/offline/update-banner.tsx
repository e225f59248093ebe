// "Ny version — ladda om": shown when a new version of the app waits; one tap switches to it.
import { Show } from 'solid-js';
import { applyUpdate, updateReady } from './register-sw.ts';
import './offline.css';

const TEXT = {
  sv: { message: 'Ny version', action: 'ladda om' },
  en: { message: 'New version', action: 'reload' },
};

export function UpdateBanner() {
  const t = () => (new URLSearchParams(location.search).get('lang') === 'en' ? TEXT.en : TEXT.sv);
  return (
    <Show when={updateReady()}>
      <div class="update-banner" role="status" data-testid="update-banner">
        <span>{t().message} — </span>
        <button type="button" class="update-banner__button" onClick={applyUpdate}>
          {t().action}
        </button>
      </div>
    </Show>
  );
}
