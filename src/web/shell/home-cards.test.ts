import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../api/types';
import { homeCards } from './home-cards';
import { visiblePages } from './pages';

const me = (roles: Role[]) => ({ account: { id: 'a', email: 'x@y', displayName: 'X' }, practice: { id: 'p', name: 'P', roles } }) as unknown as Me;
const summary = (roles: Role[]) => Object.fromEntries(homeCards(me(roles)).map((c) => [c.id, c.page?.path ?? 'soon']));

describe('home cards', () => {
  it('the desk: agenda and reception open (not « Bientôt disponible »), the phone log, no audit', () => {
    expect(summary(['secretary'])).toEqual({
      agenda: '/agenda', reception: '/reception', patients: '/patients', phone: '/telephone', messaging: '/assistant', billing: '/facturation', mail: 'soon',
    });
  });

  it('an administrator only: the settings of the agenda and the desk, never a page that would refuse them', () => {
    expect(summary(['admin'])).toEqual({
      agenda: '/admin/agenda', reception: '/admin/reception', patients: '/patients', phone: '/telephone', messaging: '/assistant', compliance: '/admin/audit', billing: '/facturation', mail: 'soon',
    });
  });

  it('a practitioner: their messages rather than the phone log', () => {
    expect(summary(['practitioner']).phone).toBe('/messages');
  });

  it('every card that opens a page opens one the sidebar shows to that user', () => {
    for (const roles of [['secretary'], ['admin'], ['practitioner'], ['admin', 'practitioner']] as Role[][]) {
      const visible = new Set(visiblePages(me(roles)).map((p) => p.path));
      for (const card of homeCards(me(roles))) if (card.page) expect(visible.has(card.page.path)).toBe(true);
    }
  });
});
