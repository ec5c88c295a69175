import type { Patient } from '../../api/types';
import type { PatientUpdate } from '../PatientDetailPage';
import { GpSection, LegalRepresentativesSection } from './CareSections';
import { AccessibilitySection, ContactSection, EmergencySection } from './ContactSections';
import { AmcSection, AmoSection } from './RightsSections';

/** The administrative file, section by section (each saved on its own, audited with before/after). */
export function AdministrativeTab({ patient, onUpdate }: { patient: Patient; onUpdate: (u: PatientUpdate) => void }) {
  const props = { patient, onUpdate };
  return (
    <div className="admin-grid">
      <ContactSection {...props} />
      <AccessibilitySection {...props} />
      <AmoSection {...props} />
      <AmcSection {...props} />
      <GpSection {...props} />
      <LegalRepresentativesSection {...props} />
      <EmergencySection {...props} />
    </div>
  );
}
