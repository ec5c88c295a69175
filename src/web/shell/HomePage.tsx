import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session';
import { href } from '../router';
import { PageTitle } from '../ui/PageTitle';
import { RoleList } from './RoleList';

interface Capability {
  id: string;
  path?: string;
}

// Capabilities of the product; those without a path are not built yet.
const CAPABILITIES: Capability[] = [
  { id: 'agenda', path: '/agenda' },
  { id: 'reception' },
  { id: 'patients', path: '/patients' },
  { id: 'messaging', path: '/assistant' },
  { id: 'billing' },
  { id: 'mail' },
  { id: 'compliance' },
];

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const name = me.account.displayName || me.account.email;
  return (
    <>
      <PageTitle title={t('home.title')}>{t('home.welcome', { name })}</PageTitle>
      <p className="lead" data-testid="home-practice">
        {t('home.practiceIntro')} <strong>{me.practice.name}</strong> — <RoleList roles={me.practice.roles} />
      </p>
      <h2 className="section-title">{t('home.capabilities')}</h2>
      <ul className="capability-grid">
        {CAPABILITIES.map((cap) => (
          <li key={cap.id} className={`capability ${cap.path ? '' : 'capability-soon'}`} data-testid={`capability-${cap.id}`}>
            {cap.path ? (
              <a href={href(cap.path)} className="capability-link">
                <h3>{t(`capabilities.${cap.id}.title`)}</h3>
                <p>{t(`capabilities.${cap.id}.description`)}</p>
                <span className="badge badge-accent">{t('home.open')}</span>
              </a>
            ) : (
              <div className="capability-body">
                <h3>{t(`capabilities.${cap.id}.title`)}</h3>
                <p>{t(`capabilities.${cap.id}.description`)}</p>
                <span className="badge badge-neutral">{t('home.soon')}</span>
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
