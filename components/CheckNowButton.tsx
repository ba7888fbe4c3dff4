import type { Ui } from './ui';

export function CheckNowButton({ checking, onClick, ui }: { checking: boolean; onClick: () => void; ui: Ui }) {
  const { t } = ui;
  return (
    <button type="button" class="ts-button" onClick={onClick} disabled={checking} aria-busy={checking}>
      {checking && <span class="ts-spinner" aria-hidden="true" />}
      {checking ? t('checking') : t('checkNow')}
    </button>
  );
}
