import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api/client';

export interface BirthPlaceOption {
  code: string;
  label: string;
  kind: 'commune' | 'country';
  detail: string;
}

const CODE = /^(?:[0-9]{2}|2A|2B)[0-9]{3}$/i;

interface Props {
  /** The INSEE code stored (what the identity keeps), or what was typed while nothing is chosen. */
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
  className?: string;
}

/**
 * Birth place by name or by code (ARIA combobox): « Bordeaux » proposes Bordeaux — Gironde (33) and stores 33063;
 * a former commune (merged since) and a country for a birth abroad are found the same way. A code typed as such is
 * kept. Nothing is cut: a name not chosen in the list stays as typed and the check says why it is refused.
 */
export function BirthPlaceField({ value, onChange, error, className }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(value);
  const [chosen, setChosen] = useState<BirthPlaceOption | null>(null);
  const [options, setOptions] = useState<BirthPlaceOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const seq = useRef(0);

  // The stored code changed from outside (form reset, carte Vitale read): show it.
  useEffect(() => {
    if (value !== (chosen?.code ?? text)) {
      setText(value);
      setChosen(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  // A code shown alone gets its name once (an existing file, a code typed).
  useEffect(() => {
    if (!chosen && CODE.test(text.trim())) {
      const mine = ++seq.current;
      request<{ places: BirthPlaceOption[] }>('GET', `/api/patients/birth-places?q=${encodeURIComponent(text.trim())}&limit=1`, { quiet: true })
        .then((r) => mine === seq.current && r.places[0]?.code.toUpperCase() === text.trim().toUpperCase() && setChosen(r.places[0]!))
        .catch(() => undefined);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function type(next: string) {
    setText(next);
    setChosen(null);
    onChange(CODE.test(next.trim()) ? next.trim().toUpperCase() : next);
    const q = next.trim();
    if (q.length < 2) {
      setOptions([]);
      setOpen(false);
      return;
    }
    const mine = ++seq.current;
    request<{ places: BirthPlaceOption[] }>('GET', `/api/patients/birth-places?q=${encodeURIComponent(q)}&limit=10`, { quiet: true })
      .then((r) => {
        if (mine !== seq.current) return;
        setOptions(r.places);
        setActive(0);
        setOpen(r.places.length > 0);
      })
      .catch(() => undefined);
  }

  function choose(o: BirthPlaceOption) {
    setChosen(o);
    setText(o.code);
    setOptions([]);
    setOpen(false);
    onChange(o.code);
  }

  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field birth-place-field ${className ?? ''}`}>
      <label htmlFor={id}>{t('patients.birthPlace')}</label>
      <p id={hintId} className="field-hint">{t('patients.birthPlaceSearchHint')}</p>
      <input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        autoComplete="off"
        value={text}
        onChange={(e) => type(e.target.value)}
        onKeyDown={(e) => {
          if (!open) return;
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, options.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && options[active]) choose(options[active]!);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        data-testid="field-birthPlaceCode"
      />
      {open && (
        <ul id={listId} role="listbox" className="combobox-list" data-testid="birth-place-options">
          {options.map((o, i) => (
            <li
              key={`${o.code}-${o.label}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o);
              }}
            >
              <strong>{o.label}</strong> <span className="muted">— {o.detail} · {o.code}</span>
            </li>
          ))}
        </ul>
      )}
      {chosen && <p className="field-hint" data-testid="birth-place-chosen">{chosen.label} — {chosen.detail}</p>}
      {error && <p id={errorId} className="field-error">{error}</p>}
    </div>
  );
}
