import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { receptionApi, type PractitionerDay } from './api';
import type { Act } from './ReceptionPage';

/**
 * The practitioner's controls (room, call the next patient, delay and its notice), once for the page: they were
 * repeated under every practitioner (issue 12, item 10). They act on the practitioner shown by the desk's filter,
 * or on the one chosen here when the desk shows everyone.
 */
export function DeskTools({ practitioners, selected, act }: { practitioners: PractitionerDay[]; selected: string; act: Act }) {
  const { t } = useTranslation();
  const selectId = useId();
  const [chosen, setChosen] = useState(selected || practitioners[0]?.id || '');
  useEffect(() => {
    if (selected) setChosen(selected);
  }, [selected]);
  const p = practitioners.find((x) => x.id === chosen) ?? practitioners[0]!;
  const [room, setRoom] = useState('');
  useEffect(() => setRoom(localStorage.getItem(`pivot.reception.room.${p.id}`) ?? ''), [p.id]);
  const [declared, setDeclared] = useState('');
  const [count, setCount] = useState(2);
  return (
    <section className="card reception-tools" aria-label={t('reception.tools.label', { name: p.name })} data-testid="reception-tools" data-id={p.id}>
      <div className="reception-inline">
        {selected ? (
          <strong>{p.name}</strong>
        ) : (
          <>
            <label htmlFor={selectId}>{t('reception.tools.practitioner')}</label>
            <select id={selectId} value={p.id} onChange={(e) => setChosen(e.target.value)} data-testid="reception-tools-practitioner">
              {practitioners.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
            </select>
          </>
        )}
      </div>
      <form
        className="reception-inline"
        onSubmit={(e) => {
          e.preventDefault();
          localStorage.setItem(`pivot.reception.room.${p.id}`, room);
          void act(async () => {
            const r = await receptionApi.callNext(p.id, room || null);
            if (!r.visit) throw new Error(t('reception.nobodyWaiting'));
          }, t('reception.called', { name: p.name }));
        }}
      >
        <label>
          {t('reception.room')}{' '}
          <input value={room} onChange={(e) => setRoom(e.target.value)} maxLength={60} placeholder={t('reception.roomPlaceholder')} size={12} data-testid="reception-room" />
        </label>
        <button type="submit" className="button button-primary button-small" disabled={p.waiting === 0} data-testid="reception-call-next">{t('reception.callNext')}</button>
      </form>
      <form
        className="reception-inline"
        onSubmit={(e) => {
          e.preventDefault();
          const minutes = declared === '' ? null : Number(declared);
          void act(() => receptionApi.declareDelay(p.id, minutes), t('reception.delay.saved'));
        }}
      >
        <label>
          {t('reception.delay.declare')}{' '}
          <input type="number" min={0} max={480} step={5} value={declared} onChange={(e) => setDeclared(e.target.value)} size={4} data-testid="reception-delay-input" />
        </label>
        <button type="submit" className="button button-small" data-testid="reception-delay-declare">{t('reception.delay.save')}</button>
      </form>
      <form
        className="reception-inline"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => receptionApi.notifyDelay(p.id, count), t('reception.delay.notified', { count }));
        }}
      >
        <label>
          {t('reception.delay.notifyNext')}{' '}
          <select value={count} onChange={(e) => setCount(Number(e.target.value))} data-testid="reception-delay-count">
            {[1, 2, 3, 4, 5, 8, 10].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <button type="submit" className="button button-small" disabled={p.delay.minutes < 1} data-testid="reception-delay-notify">{t('reception.delay.notify')}</button>
      </form>
    </section>
  );
}
