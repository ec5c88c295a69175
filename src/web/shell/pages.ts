// The pages of the authenticated app and who may see them.
import type { Me, Role } from '../api/types';

export type PageId = 'home' | 'patients' | 'security' | 'staff' | 'practice' | 'audit' | 'outbox'
  | 'assistant' | 'assistantTasks' | 'practiceInfo' | 'agenda' | 'agendaSettings'
  | 'phoneLog' | 'phoneMessages' | 'incidents' | 'practiceSheet' | 'deskStats'
  | 'reception' | 'receptionSettings' | 'billing' | 'billingQuotes' | 'billingBooks' | 'billingDeposits' | 'billingProfiles' | 'correspondence' | 'correspondents'
  | 'tasks' | 'consultationDraft' | 'reports' | 'spellDictionary' | 'mailbox';

export interface PageDef {
  id: PageId;
  path: string;
  labelKey: string;
  section: 'main' | 'admin' | 'account';
  adminOnly?: boolean;
  /** Only these roles see the page (e.g. the agenda: the desk, not a pure admin). */
  roles?: Role[];
}

export const PAGES: PageDef[] = [
  { id: 'home', path: '/', labelKey: 'nav.home', section: 'main' },
  { id: 'patients', path: '/patients', labelKey: 'nav.patients', section: 'main' },
  { id: 'reception', path: '/reception', labelKey: 'reception.nav.desk', section: 'main', roles: ['secretary', 'practitioner'] },
  { id: 'billing', path: '/facturation', labelKey: 'billing.nav.desk', section: 'main', roles: ['secretary', 'practitioner', 'admin'] },
  { id: 'billingQuotes', path: '/facturation/devis', labelKey: 'billing.nav.quotes', section: 'main', roles: ['secretary', 'practitioner', 'admin'] },
  { id: 'billingBooks', path: '/facturation/livres', labelKey: 'billing.nav.books', section: 'main', roles: ['practitioner', 'admin'] },
  { id: 'billingDeposits', path: '/facturation/remises', labelKey: 'billing.nav.deposits', section: 'main', roles: ['secretary', 'practitioner', 'admin'] },
  { id: 'agenda', path: '/agenda', labelKey: 'agenda.nav.agenda', section: 'main', roles: ['secretary', 'practitioner'] },
  { id: 'assistant', path: '/assistant', labelKey: 'assistant.nav.inbox', section: 'main' },
  { id: 'assistantTasks', path: '/assistant/tasks', labelKey: 'assistant.nav.tasks', section: 'main' },
  { id: 'correspondence', path: '/courrier', labelKey: 'correspondence.nav.register', section: 'main', roles: ['secretary', 'practitioner'] },
  { id: 'reports', path: '/comptes-rendus', labelKey: 'reports.nav.reports', section: 'main', roles: ['secretary', 'practitioner'] },
  { id: 'spellDictionary', path: '/dictionnaire-cabinet', labelKey: 'reports.nav.dictionary', section: 'main', roles: ['secretary', 'practitioner', 'admin'] },
  { id: 'correspondents', path: '/correspondants', labelKey: 'correspondence.nav.book', section: 'main' },
  { id: 'tasks', path: '/messages-taches', labelKey: 'tasks.nav.inbox', section: 'main' },
  { id: 'consultationDraft', path: '/brouillon-consultation', labelKey: 'consultationDrafts.nav.draft', section: 'main', roles: ['secretary', 'practitioner'] },
  { id: 'phoneLog', path: '/telephone', labelKey: 'phoneLog.nav.telephone', section: 'main', roles: ['secretary', 'admin'] },
  { id: 'phoneMessages', path: '/messages', labelKey: 'phoneLog.nav.messages', section: 'main', roles: ['practitioner'] },
  { id: 'practiceSheet', path: '/infos-cabinet', labelKey: 'practiceSheet.nav.sheet', section: 'main' },
  { id: 'incidents', path: '/incidents', labelKey: 'incidents.nav.incidents', section: 'main' },
  { id: 'deskStats', path: '/statistiques', labelKey: 'deskStats.nav.stats', section: 'main', roles: ['admin', 'practitioner'] },
  { id: 'staff', path: '/admin/staff', labelKey: 'nav.staff', section: 'admin', adminOnly: true },
  { id: 'practice', path: '/admin/practice', labelKey: 'nav.practice', section: 'admin', adminOnly: true },
  { id: 'agendaSettings', path: '/admin/agenda', labelKey: 'agenda.nav.settings', section: 'admin', adminOnly: true },
  { id: 'receptionSettings', path: '/admin/reception', labelKey: 'reception.nav.settings', section: 'admin', adminOnly: true },
  { id: 'billingProfiles', path: '/admin/facturation', labelKey: 'billing.nav.profiles', section: 'admin', adminOnly: true },
  { id: 'mailbox', path: '/admin/boite-aux-lettres', labelKey: 'correspondence.nav.mailbox', section: 'admin', adminOnly: true },
  { id: 'practiceInfo', path: '/admin/practice-info', labelKey: 'assistant.nav.practiceInfo', section: 'admin', adminOnly: true },
  { id: 'audit', path: '/admin/audit', labelKey: 'nav.audit', section: 'admin', adminOnly: true },
  { id: 'outbox', path: '/admin/outbox', labelKey: 'nav.outbox', section: 'admin', adminOnly: true },
  { id: 'security', path: '/security', labelKey: 'nav.security', section: 'account' },
];

export function isAdmin(me: Me): boolean {
  return me.practice.roles.includes('admin');
}

/** A page restricted to some roles (the agenda) is hidden from the others. */
export function hasPageRole(me: Me, page: PageDef): boolean {
  return !page.roles || page.roles.some((role) => me.practice.roles.includes(role));
}

export function visiblePages(me: Me): PageDef[] {
  return PAGES.filter((page) => (!page.adminOnly || isAdmin(me)) && hasPageRole(me, page));
}

/** The page a path belongs to ("/patients/123" belongs to "patients"); the longest matching path wins. */
export function pageForPath(path: string): PageDef | undefined {
  const matches = PAGES.filter((page) => (page.path === '/' ? path === '/' : path === page.path || path.startsWith(`${page.path}/`)));
  return matches.sort((a, b) => b.path.length - a.path.length)[0];
}
