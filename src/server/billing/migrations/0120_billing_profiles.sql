-- Billing profile of a practitioner (docs/billing.md « Factures, paiements, reçus »): what the quote engine and the
-- receipts need and the agenda's `practitioners` row does not hold in the contract's terms. One row per practitioner
-- of the practice; each practitioner bills in their own name (maison de santé: separate businesses).
CREATE TABLE billing_profiles (
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  sector text NOT NULL CHECK (sector IN ('1', '2', '2_optam')),
  specialty text NOT NULL CHECK (specialty IN (
    'general_practice', 'paediatrics', 'cardiology', 'dermatology', 'gynaecology', 'psychiatry', 'ophthalmology', 'dentistry', 'other')),
  -- RPPS: 11 digits, the last a Luhn key (same rule as practitioners.rpps).
  rpps text NOT NULL CHECK (rpps ~ '^[0-9]{11}$' AND pivot_luhn_ok(rpps)),
  -- Numéro Assurance Maladie (identifiant de facturation): 9 characters, département first (2A/2B in Corsica).
  am_number text NOT NULL CHECK (am_number ~ '^([0-9]{2}|2A|2B)[0-9]{7}$'),
  -- SIREN of the practitioner's business (name of the FEC file): 9 digits with a Luhn key.
  siren text CHECK (siren IS NULL OR (siren ~ '^[0-9]{9}$' AND pivot_luhn_ok(siren))),
  practises_depassements boolean NOT NULL DEFAULT false,
  updated_by uuid REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  updated_at timestamptz NOT NULL DEFAULT pivot_now(),
  PRIMARY KEY (practice_id, practitioner_id),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id),
  -- Secteur 1 bills the tarif opposable (DE/DA are outside the engine): no dépassement.
  CONSTRAINT billing_profiles_sector1_no_depassement CHECK (sector <> '1' OR NOT practises_depassements)
);
CREATE UNIQUE INDEX billing_profiles_rpps_key ON billing_profiles (practice_id, rpps);
