import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../platform/db/schema.js';

export interface PatientsTable {
  id: Generated<string>;
  practice_id: string;
  birth_name: string;
  used_name: string | null;
  first_name: string;
  given_names: string | null;
  birth_date: ColumnType<string, string, string>;
  sex: 'F' | 'M' | 'U';
  birth_place_code: string | null;
  identity_status: Generated<'provisoire' | 'recuperee' | 'validee' | 'qualifiee'>;
  phone: string | null;
  email: string | null;
  search_name: ColumnType<string, never, never>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

declare module '../platform/db/schema.js' {
  interface DB {
    patients: PatientsTable;
  }
}
