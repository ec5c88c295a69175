import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source } from './api';

/** The transcript beside the draft, the selected sentence's source highlighted and scrolled into view. */
export function TranscriptView({ transcript, source }: { transcript: string; source: Source | null }) {
  const { t } = useTranslation();
  const mark = useRef<HTMLElement>(null);
  // Braces: recent Chromium returns a promise from scrollIntoView, which React would call as the effect's cleanup
  // (« l is not a function » when the page unmounted with a sentence selected).
  useEffect(() => {
    mark.current?.scrollIntoView({ block: 'nearest' });
  }, [source]);
  const inside = source && source.start >= 0 && source.end <= transcript.length && source.start < source.end ? source : null;
  return (
    <section className="card cd-transcript" aria-labelledby="cd-transcript-title">
      <h2 id="cd-transcript-title">{t('consultationDrafts.transcript')}</h2>
      <pre className="cd-transcript-text" data-testid="cd-transcript">
        {inside ? (
          <>
            {transcript.slice(0, inside.start)}
            <mark ref={mark} data-testid="cd-source" data-start={inside.start} data-end={inside.end}>{transcript.slice(inside.start, inside.end)}</mark>
            {transcript.slice(inside.end)}
          </>
        ) : (
          transcript
        )}
      </pre>
    </section>
  );
}
