import { useUi } from './ui-context';

export function CheckNowButton({ checking, onClick }: { checking: boolean; onClick: () => void }) {
  const { t } = useUi();
  return (
    <button type="button" class="ts-button" onClick={onClick} disabled={checking} aria-busy={checking}>
      {checking && <span class="ts-spinner" aria-hidden="true" />}
      {checking ? t('checking') : t('checkNow')}
    </button>
  );
}
