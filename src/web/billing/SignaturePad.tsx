import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The patient signs with a finger, a stylus or the mouse on a canvas; « Valider » hands over the PNG (base64,
 * white background). Drawing needs a pointer: the keyboard path is the scanned paper signature beside it.
 */
export function SignaturePad({ onSign, busy }: { onSign: (pngBase64: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [drawn, setDrawn] = useState(false);

  const clear = () => {
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, c.width, c.height);
    setDrawn(false);
  };
  useEffect(clear, []);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const c = canvas.current!;
    const r = c.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * c.width) / r.width, y: ((e.clientY - r.top) * c.height) / r.height };
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    const g = canvas.current?.getContext('2d');
    if (!g) return;
    drawing.current = true;
    canvas.current!.setPointerCapture(e.pointerId);
    const p = point(e);
    g.strokeStyle = '#14145a';
    g.lineWidth = 2.5;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.beginPath();
    g.moveTo(p.x, p.y);
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const g = canvas.current!.getContext('2d')!;
    const p = point(e);
    g.lineTo(p.x, p.y);
    g.stroke();
    setDrawn(true);
  };
  const up = () => {
    drawing.current = false;
  };
  const submit = () => {
    const data = canvas.current!.toDataURL('image/png');
    onSign(data.slice(data.indexOf(',') + 1));
  };

  return (
    <div className="dq-pad">
      <canvas
        ref={canvas}
        width={600}
        height={200}
        className="dq-canvas"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerLeave={up}
        role="img"
        aria-label={t('billing.dental.sign.canvas')}
        data-testid="signature-canvas"
      />
      <p>
        <button type="button" className="button" onClick={clear} data-testid="signature-clear">{t('billing.dental.sign.clear')}</button>{' '}
        <button type="button" className="button button-primary" onClick={submit} disabled={!drawn || busy} data-testid="signature-submit">{t('billing.dental.sign.submit')}</button>
      </p>
    </div>
  );
}
