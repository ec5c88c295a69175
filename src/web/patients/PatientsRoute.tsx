import { CreatePatientPage } from './CreatePatientPage';
import { MergePage } from './merge/MergePage';
import { SplitPage } from './merge/SplitPage';
import { PatientDetailPage } from './PatientDetailPage';
import { PatientsPage } from './PatientsPage';

/** /patients (search list), /patients/new (create), /patients/:id (file; ?tab=administrative|documents|merges), /patients/:id/merge[?with=], /patients/:id/split. */
export function PatientsRoute({ path }: { path: string }) {
  if (path === '/patients') return <PatientsPage />;
  if (path === '/patients/new') return <CreatePatientPage />;
  const rest = path.slice('/patients/'.length);
  const [id = '', sub] = rest.split('/');
  if (sub === 'merge') return <MergePage id={decodeURIComponent(id)} />;
  if (sub === 'split') return <SplitPage id={decodeURIComponent(id)} />;
  return <PatientDetailPage id={decodeURIComponent(id)} />;
}
