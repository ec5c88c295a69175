import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe, useSession } from '../auth/session';
import { navigate } from '../router';
import { useClickOutside } from '../ui/useClickOutside';

/** A menu button (WAI-ARIA pattern): arrows move, Escape closes and returns focus. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useSession();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const items = [
    { id: 'security', label: t('user.security'), action: () => navigate('/security') },
    { id: 'logout', label: t('user.logout'), action: () => void logout() },
  ];

  function focusItem(index: number) {
    const elements = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    if (!elements || elements.length === 0) return;
    const i = (index + elements.length) % elements.length;
    elements[i]?.focus();
  }

  useEffect(() => {
    if (open) focusItem(0);
  }, [open]);

  useClickOutside(rootRef, open, () => setOpen(false));

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent<HTMLUListElement>) {
    const elements = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = elements.indexOf(document.activeElement as HTMLElement);
    switch (event.key) {
      case 'ArrowDown': event.preventDefault(); focusItem(index + 1); break;
      case 'ArrowUp': event.preventDefault(); focusItem(index - 1); break;
      case 'Home': event.preventDefault(); focusItem(0); break;
      case 'End': event.preventDefault(); focusItem(elements.length - 1); break;
      case 'Escape': event.preventDefault(); close(true); break;
      case 'Tab': close(false); break;
    }
  }

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-testid="user-menu"
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className="avatar" aria-hidden="true">{initials(me.account.displayName || me.account.email)}</span>
        <span className="user-name">{me.account.displayName || me.account.email}</span>
        <span aria-hidden="true" className="caret">▾</span>
      </button>
      {open && (
        <div className="menu">
        <p className="menu-info muted">{me.account.email}</p>
        <ul id={menuId} ref={menuRef} role="menu" aria-label={t('user.menu')} onKeyDown={onMenuKey}>
          {items.map((item) => (
            <li role="none" key={item.id}>
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="menu-item"
                data-testid={`user-menu-${item.id}`}
                onClick={() => {
                  close(item.id !== 'logout');
                  item.action();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
        </div>
      )}
    </div>
  );
}

function initials(name: string): string {
  const parts = name.split(/[\s@.]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts[1]?.[0] ?? '')).toUpperCase() || '?';
}
