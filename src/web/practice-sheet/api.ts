// Practice information sheet, read-only (src/server/practice-sheet/routes.ts).
import { request } from '../api/client';

export type Sector = '1' | '2' | 'optam' | 'non_conventionne';
export interface PracticeSheetView {
  practice: { name: string; slug: string };
  info: {
    openingHours: string | null;
    address: string | null;
    access: string | null;
    parking: string | null;
    transport: string | null;
    paymentsAccepted: string | null;
    tiersPayant: string | null;
    whatToBring: string | null;
    onCall: string | null;
  };
  fees: { practitioner: string; specialty: string | null; sector: Sector | null; fees: string | null }[];
  updatedAt: string | null;
}

export const sheetApi = {
  current: () => request<PracticeSheetView>('GET', '/api/practice-sheet'),
  public: (slug: string) => request<PracticeSheetView>('GET', `/api/public/${encodeURIComponent(slug)}/info`, { quiet: true }),
};

/** True when the administrator has written nothing yet (practitioners alone do not make a sheet). */
export function isEmptySheet(s: PracticeSheetView): boolean {
  return Object.values(s.info).every((v) => !v) && s.fees.every((f) => !f.fees);
}
