import { CreatePatientPage } from './CreatePatientPage';
import { PatientDetailPage } from './PatientDetailPage';
import { PatientsPage } from './PatientsPage';

/** /patients (search list), /patients/new (create), /patients/:id (file; ?tab=administrative|documents). */
export function PatientsRoute({ path }: { path: string }) {
  if (path === '/patients') return <PatientsPage />;
  if (path === '/patients/new') return <CreatePatientPage />;
  return <PatientDetailPage id={decodeURIComponent(path.slice('/patients/'.length))} />;
}
