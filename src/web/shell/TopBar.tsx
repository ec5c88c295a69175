import type { Me } from '../api/types';
import { GlobalSearch } from '../patients/GlobalSearch';
import { href } from '../router';
import { LanguageSwitch } from './LanguageSwitch';
import { PracticeSwitcher } from './PracticeSwitcher';
import { SimulatedClockBadge } from './SimulatedClock';
import { UserMenu } from './UserMenu';

export function TopBar({ onPracticeSwitched }: { onPracticeSwitched: (me: Me) => void }) {
  return (
    <header className="topbar">
      <a className="brand" href={href('/')}>
        <span className="brand-mark" aria-hidden="true">P</span>
        <span>Pivot</span>
      </a>
      <PracticeSwitcher onSwitched={onPracticeSwitched} />
      <GlobalSearch />
      <div className="topbar-end">
        <SimulatedClockBadge />
        <LanguageSwitch />
        <UserMenu />
      </div>
    </header>
  );
}
