// The home page's cards, derived from the same page table as the routes and the sidebar (pages.ts): a card opens
// the first page of its capability that this user may open (the agenda for the desk, its settings for an
// administrator), is left out when the user may open none, and says « Bientôt disponible » only for what is not built.
import type { Me } from '../api/types';
import { PAGES, visiblePages, type PageDef, type PageId } from './pages';

export interface HomeCard {
  id: string;
  /** The page the card opens; none when the capability is not built yet. */
  page: PageDef | null;
  descriptionKey: string;
  openKey: string;
}

interface Capability {
  id: string;
  /** Pages of the capability, in order of preference; empty when not built yet. */
  pages: { id: PageId; descriptionKey?: string; openKey?: string }[];
}

const CAPABILITIES: Capability[] = [
  { id: 'agenda', pages: [{ id: 'agenda' }, { id: 'agendaSettings', descriptionKey: 'capabilities.agenda.settingsDescription', openKey: 'home.openSettings' }] },
  { id: 'reception', pages: [{ id: 'reception' }, { id: 'receptionSettings', descriptionKey: 'capabilities.reception.settingsDescription', openKey: 'home.openSettings' }] },
  { id: 'patients', pages: [{ id: 'patients' }] },
  { id: 'phone', pages: [{ id: 'phoneLog' }, { id: 'phoneMessages', descriptionKey: 'capabilities.phone.messagesDescription' }] },
  { id: 'messaging', pages: [{ id: 'assistant' }] },
  { id: 'compliance', pages: [{ id: 'audit' }] },
  { id: 'billing', pages: [{ id: 'billing' }] },
  { id: 'mail', pages: [] },
];

export function homeCards(me: Me): HomeCard[] {
  const visible = new Set(visiblePages(me).map((p) => p.id));
  const cards: HomeCard[] = [];
  for (const cap of CAPABILITIES) {
    const base = { id: cap.id, descriptionKey: `capabilities.${cap.id}.description`, openKey: 'home.open' };
    if (cap.pages.length === 0) {
      cards.push({ ...base, page: null });
      continue;
    }
    const choice = cap.pages.find((p) => visible.has(p.id));
    if (!choice) continue; // built, but not for this role: no card rather than a page that refuses
    cards.push({
      ...base,
      page: PAGES.find((p) => p.id === choice.id)!,
      descriptionKey: choice.descriptionKey ?? base.descriptionKey,
      openKey: choice.openKey ?? base.openKey,
    });
  }
  return cards;
}
