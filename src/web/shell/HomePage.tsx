import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session';
import { href } from '../router';
import { PageTitle } from '../ui/PageTitle';
import { RoleList } from './RoleList';
import { homeCards } from './home-cards';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const name = me.account.displayName || me.account.email;
  const cards = homeCards(me);
  return (
    <>
      <PageTitle title={t('home.title')}>{t('home.welcome', { name })}</PageTitle>
      <p className="lead" data-testid="home-practice">
        {t('home.practiceIntro')} <strong>{me.practice.name}</strong> — <RoleList roles={me.practice.roles} />
      </p>
      <h2 className="section-title">{t('home.capabilities')}</h2>
      <ul className="capability-grid">
        {cards.map((card) => (
          <li key={card.id} className={`capability ${card.page ? '' : 'capability-soon'}`} data-testid={`capability-${card.id}`} data-path={card.page?.path ?? ''}>
            {card.page ? (
              <a href={href(card.page.path)} className="capability-link">
                <h3>{t(`capabilities.${card.id}.title`)}</h3>
                <p>{t(card.descriptionKey)}</p>
                <span className="badge badge-accent">{t(card.openKey)}</span>
              </a>
            ) : (
              <div className="capability-body">
                <h3>{t(`capabilities.${card.id}.title`)}</h3>
                <p>{t(card.descriptionKey)}</p>
                <span className="badge badge-neutral">{t('home.soon')}</span>
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
