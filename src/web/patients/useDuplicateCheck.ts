import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { DuplicateCandidate, IdentityInput, Sex } from '../api/types';

export interface DraftIdentity {
  birthName: string;
  givenNames: string;
  usedName: string;
  usedFirstName: string;
  birthDate: string;
  sex: Sex | '';
  birthPlaceCode: string;
  nir: string;
}

const COMPLETE_DATE = /^(\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}\/\d{4}|\d{4}|\d{4}-\d{2}(-\d{2})?)$/;

/** The identity to check, once there is enough to compare (name, first name, a full or partial date). */
export function checkable(draft: DraftIdentity): IdentityInput | null {
  if (!draft.birthName.trim() || !draft.givenNames.trim() || !COMPLETE_DATE.test(draft.birthDate.trim())) return null;
  const place = draft.birthPlaceCode.trim();
  const nir = draft.nir.replace(/\s/g, '');
  return {
    birthName: draft.birthName.trim(),
    givenNames: draft.givenNames.trim(),
    usedName: draft.usedName.trim() || null,
    usedFirstName: draft.usedFirstName.trim() || null,
    birthDate: draft.birthDate.trim(),
    // The candidate query does not depend on the sex; « U » lets the check run before it is chosen.
    sex: draft.sex || 'U',
    birthPlaceCode: place.length === 5 ? place : null,
    nir: nir.length === 15 ? nir : null,
  };
}

/**
 * Dry run of the duplicate check while the desk types (debounced). An identity the server refuses
 * (impossible date…) keeps the last answer: the errors are shown when saving.
 */
export function useDuplicateCheck(draft: DraftIdentity) {
  const identity = checkable(draft);
  const key = identity ? JSON.stringify(identity) : '';
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[]>([]);
  const [checking, setChecking] = useState(false);
  const [checkedKey, setCheckedKey] = useState('');

  useEffect(() => {
    if (!key) {
      setDuplicates([]);
      setCheckedKey('');
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      setChecking(true);
      api.patientDuplicates(JSON.parse(key) as IdentityInput).then(
        (r) => {
          if (!current) return;
          setDuplicates(r.possibleDuplicates);
          setCheckedKey(key);
          setChecking(false);
        },
        () => {
          if (current) setChecking(false);
        },
      );
    }, 400);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [key]);

  return { duplicates, setDuplicates, checking, upToDate: checkedKey === key && !checking };
}
