import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2500);
    } catch {
      setCopied(false);
    }
  }
  return (
    <span className="copy-button">
      <button type="button" className="button button-small" onClick={copy}>
        {label}
      </button>
      <span role="status" className="muted">{copied ? t('common.copied') : ''}</span>
    </span>
  );
}
