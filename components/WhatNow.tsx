import type { Ui } from './ui';

/**
 * Advice and places to look while Tesla is down: crowd reports, Tesla's support, and the two things
 * owners learned the hard way on 14 February 2023. Links open in a new tab.
 */
export function WhatNow({ ui, copied, onCopy }: { ui: Ui; copied: boolean; onCopy: (() => void) | null }) {
  const { t } = ui;
  const newTab = <span class="ts-sr">{` ${t('opensInNewTab')}`}</span>;
  return (
    <section class="ts-whatnow" aria-labelledby="ts-whatnow-heading">
      <h2 id="ts-whatnow-heading" class="ts-section-heading">
        {t('whatNowHeading')}
      </h2>
      <ul class="ts-advice">
        <li>{t('adviceSignOut')}</li>
        <li>{t('adviceWait')}</li>
      </ul>
      <p class="ts-links">
        <a href={t('downdetectorUrl')} target="_blank" rel="noreferrer" data-link="downdetector">
          {t('linkDowndetector')}
          {newTab}
        </a>
        <a href={t('supportUrl')} target="_blank" rel="noreferrer" data-link="support">
          {t('linkSupport')}
          {newTab}
        </a>
        {onCopy && (
          <button type="button" class="ts-button ts-copy" onClick={onCopy} aria-live="polite">
            {copied ? t('copied') : t('copyStatus')}
          </button>
        )}
      </p>
    </section>
  );
}
