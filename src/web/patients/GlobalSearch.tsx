import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import type { PatientSummary } from '../api/types';
import { href, navigate } from '../router';
import { PatientTraits } from './PatientTraits';
import './patients.css';
import { useClickOutside } from '../ui/useClickOutside';

const LIMIT = 8;

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(target.type);
}

/**
 * Patient search in the top bar (WAI-ARIA combobox with a listbox popup). « / » or Ctrl+K from anywhere
 * (outside a text field) puts the focus in it; arrows move in the results, Enter opens the patient.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const id = useId();
  const listId = `${id}-list`;
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const [input, setInput] = useState('');
  const [results, setResults] = useState<PatientSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // Keyboard shortcut from anywhere in the app.
  useEffect(() => {
    function onKey(event: globalThis.KeyboardEvent) {
      const shortcut = (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey)
        || ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k');
      if (!shortcut || event.defaultPrevented) return;
      if (event.key === '/' && isTextField(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Search as the user types, without a request per keystroke; stale answers are ignored.
  useEffect(() => {
    const q = input.trim();
    if (q.length < 2) {
      setResults(null);
      setError(null);
      setLoading(false);
      return;
    }
    let current = true;
    setLoading(true);
    const timer = window.setTimeout(() => {
      api.patients(q, LIMIT).then(
        (r) => {
          if (!current) return;
          setResults(r.patients);
          setError(null);
          setActive(r.patients.length > 0 ? 0 : -1);
          setLoading(false);
        },
        (err: unknown) => {
          if (!current) return;
          setError(err instanceof ApiError ? err.message : String(err));
          setLoading(false);
        },
      );
    }, 220);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [input]);

  useClickOutside(rootRef, open, () => setOpen(false));

  const list = results ?? [];
  const expanded = open && input.trim().length >= 2;

  function openPatient(patient: PatientSummary) {
    setOpen(false);
    setInput('');
    setResults(null);
    navigate(`/patients/${encodeURIComponent(patient.id)}`);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        if (list.length) setActive((i) => (i + 1) % list.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        if (list.length) setActive((i) => (i <= 0 ? list.length - 1 : i - 1));
        break;
      case 'Home':
        if (expanded && list.length) { event.preventDefault(); setActive(0); }
        break;
      case 'End':
        if (expanded && list.length) { event.preventDefault(); setActive(list.length - 1); }
        break;
      case 'Enter': {
        const patient = list[active];
        if (expanded && patient) {
          event.preventDefault();
          openPatient(patient);
        }
        break;
      }
      case 'Escape':
        if (expanded) { event.preventDefault(); setOpen(false); }
        else if (input) { event.preventDefault(); setInput(''); }
        break;
    }
  }

  useEffect(() => {
    if (active < 0) return;
    document.getElementById(`${id}-opt-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  const status = loading
    ? t('common.loading')
    : error ?? (results ? t('patients.count', { count: results.length }) : '');

  return (
    <div className="global-search" ref={rootRef} role="search" aria-label={t('patients.globalSearch.region')}>
      <label htmlFor={id} className="visually-hidden">{t('patients.globalSearch.label')}</label>
      <span className="global-search-icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="16" height="16"><path d="M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM20 20l-4.8-4.8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" /></svg>
      </span>
      <input
        ref={inputRef}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={expanded && list.length > 0 ? listId : undefined}
        aria-activedescendant={expanded && active >= 0 && list[active] ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-hint`}
        placeholder={t('patients.globalSearch.placeholder')}
        value={input}
        data-testid="global-search"
        onChange={(event) => { setInput(event.target.value); setOpen(true); }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      <kbd className="global-search-kbd" aria-hidden="true" title={t('patients.globalSearch.shortcut')}>/</kbd>
      <span id={`${id}-hint`} className="visually-hidden">{t('patients.globalSearch.hint')}</span>
      <div className={expanded ? 'global-search-popup' : 'visually-hidden'}>
        <p role="status" className="global-search-status muted" data-testid="global-search-status">{expanded ? status : ''}</p>
        {expanded && list.length > 0 && (
        <ul id={listId} role="listbox" aria-label={t('patients.globalSearch.results')} className="global-search-list" data-testid="global-search-results">
          {list.map((patient, index) => (
            <li
              key={patient.id}
              id={`${id}-opt-${index}`}
              role="option"
              aria-selected={index === active}
              className="global-search-option"
              data-testid="global-search-option"
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => openPatient(patient)}
            >
              <PatientTraits patient={patient} />
            </li>
          ))}
        </ul>
        )}
        {expanded && (
          <p className="global-search-footer">
            <a href={href('/patients/new')} onClick={() => setOpen(false)} data-testid="global-search-create">{t('patients.create.link')}</a>
          </p>
        )}
      </div>
    </div>
  );
}
