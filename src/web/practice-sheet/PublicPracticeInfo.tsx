import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isEmptySheet, sheetApi, type PracticeSheetView as Sheet } from './api';
import { PracticeSheetView } from './PracticeSheetView';

/** The booking page's collapsible « Informations pratiques » (public read of the sheet); nothing when empty. */
export function PublicPracticeInfo({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [sheet, setSheet] = useState<Sheet | null>(null);
  useEffect(() => {
    let current = true;
    sheetApi.public(slug).then((s) => current && setSheet(s), () => current && setSheet(null));
    return () => {
      current = false;
    };
  }, [slug]);
  if (!sheet || isEmptySheet(sheet)) return null;
  return (
    <details className="ps-public" data-testid="public-practice-info">
      <summary data-testid="public-practice-info-toggle">{t('practiceSheet.publicTitle')}</summary>
      <div className="ps-public-body">
        <PracticeSheetView sheet={sheet} level={3} />
      </div>
    </details>
  );
}
