import { useTranslation } from 'react-i18next';
import { PageTitle } from '../ui/PageTitle';
import { useLoad } from '../ui/useLoad';
import { tasksApi } from './api';
import { MessagesPanel } from './MessagesPanel';
import { RequestsPanel } from './RequestsPanel';
import { TasksPanel } from './TasksPanel';
import './tasks.css';

/** #/messages-taches — « Messages et tâches »: the one list of messages (staff and phone) and the tasks. */
export function TasksPage() {
  const { t } = useTranslation();
  const recipients = useLoad(() => tasksApi.recipients(), []);
  const members = recipients.data?.members ?? [];
  return (
    <>
      <PageTitle title={t('tasks.title')}>{t('tasks.title')}</PageTitle>
      <p className="muted">{t('tasks.intro')}</p>
      <div className="tasks-columns">
        <MessagesPanel members={members} />
        <TasksPanel members={members} />
      </div>
      <RequestsPanel />
    </>
  );
}
