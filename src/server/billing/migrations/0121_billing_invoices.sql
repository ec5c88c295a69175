-- Invoices of consultations and their payments (docs/billing.md « Factures, paiements, reçus »). All amounts are
-- integer cents. An invoice is the snapshot of the quote the engine gave on the day: it is never recomputed, so a
-- later tariff change or a corrected engine does not move what was billed.
CREATE TABLE billing_invoices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  practitioner_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  appointment_id uuid,
  care_date date NOT NULL,
  sector text NOT NULL CHECK (sector IN ('1', '2', '2_optam')),
  specialty text NOT NULL,
  parcours text NOT NULL CHECK (parcours IN ('medecin_traitant', 'referred', 'direct_access', 'exception', 'outside', 'no_medecin_traitant_declared')),
  tiers_payant text NOT NULL CHECK (tiers_payant IN ('none', 'amo', 'amo_amc')),
  -- The engine's input (contract case) and output as they were, warnings included.
  quote_case jsonb NOT NULL CHECK (jsonb_typeof(quote_case) = 'object'),
  quote jsonb NOT NULL CHECK (jsonb_typeof(quote) = 'object'),
  warnings text[] NOT NULL DEFAULT '{}',
  total_cents integer NOT NULL CHECK (total_cents >= 0),
  amo_cents integer NOT NULL CHECK (amo_cents >= 0),
  amc_cents integer NOT NULL CHECK (amc_cents >= 0),
  patient_cents integer NOT NULL CHECK (patient_cents >= 0),
  participation_forfaitaire_cents integer NOT NULL CHECK (participation_forfaitaire_cents >= 0),
  due_at_desk_cents integer NOT NULL CHECK (due_at_desk_cents >= 0 AND due_at_desk_cents <= total_cents),
  -- Sum of the payments, kept by the trigger below (never written by the application).
  paid_cents integer NOT NULL DEFAULT 0,
  created_by uuid NOT NULL REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  FOREIGN KEY (practice_id, appointment_id) REFERENCES appointments (practice_id, id),
  CONSTRAINT billing_invoices_shares_sum CHECK (total_cents = amo_cents + amc_cents + patient_cents),
  -- The desk never collects more than is due: the payment trigger adds to paid_cents under the row lock of this
  -- UPDATE, so concurrent payments are serialised and the one that would overshoot fails this check.
  CONSTRAINT billing_invoices_paid_within_due CHECK (paid_cents >= 0 AND paid_cents <= due_at_desk_cents)
);
-- One consultation is billed once.
CREATE UNIQUE INDEX billing_invoices_appointment_key ON billing_invoices (practice_id, appointment_id) WHERE appointment_id IS NOT NULL;
CREATE INDEX billing_invoices_patient_idx ON billing_invoices (practice_id, patient_id, care_date);
CREATE INDEX billing_invoices_practitioner_idx ON billing_invoices (practice_id, practitioner_id, care_date);

-- The acts as billed: code, tariff in force on the care date, fee charged.
CREATE TABLE billing_invoice_lines (
  practice_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 1 AND 20),
  code text NOT NULL CHECK (code ~ '^[A-Z0-9]{1,13}$'),
  label text NOT NULL,
  tariff_cents integer NOT NULL CHECK (tariff_cents >= 0),
  fee_cents integer NOT NULL CHECK (fee_cents >= tariff_cents),
  PRIMARY KEY (invoice_id, position),
  FOREIGN KEY (practice_id, invoice_id) REFERENCES billing_invoices (practice_id, id)
);

-- An invoice is immutable but for paid_cents, which only the payment trigger moves; it is never deleted.
CREATE FUNCTION billing_invoices_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'billing_invoices: an invoice is never deleted (issue a credit note)' USING ERRCODE = 'check_violation';
  END IF;
  IF (to_jsonb(NEW) - 'paid_cents') IS DISTINCT FROM (to_jsonb(OLD) - 'paid_cents') THEN
    RAISE EXCEPTION 'billing_invoices: an invoice is immutable once created' USING ERRCODE = 'check_violation';
  END IF;
  IF current_setting('pivot.billing_payment_trigger', true) IS DISTINCT FROM 'on' THEN
    RAISE EXCEPTION 'billing_invoices: paid_cents is kept by the payments trigger' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER billing_invoices_guard BEFORE UPDATE OR DELETE ON billing_invoices FOR EACH ROW EXECUTE FUNCTION billing_invoices_guard();

-- Lines are written with their invoice, then never changed.
CREATE FUNCTION billing_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%: rows are never updated nor deleted (record a correcting entry)', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER billing_invoice_lines_immutable BEFORE UPDATE OR DELETE ON billing_invoice_lines FOR EACH ROW EXECUTE FUNCTION billing_immutable();

-- The sum of the lines is the invoice total, checked at commit (lines are inserted after their invoice).
CREATE FUNCTION billing_invoice_lines_match() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE lines_total bigint; line_count int;
BEGIN
  SELECT coalesce(sum(fee_cents), 0), count(*) INTO lines_total, line_count FROM billing_invoice_lines WHERE invoice_id = NEW.id;
  IF line_count = 0 OR lines_total <> NEW.total_cents THEN
    RAISE EXCEPTION 'billing_invoices: the lines (% cents) do not add up to the total (% cents)', lines_total, NEW.total_cents USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER billing_invoice_lines_match AFTER INSERT ON billing_invoices DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION billing_invoice_lines_match();

CREATE TABLE billing_payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  method text NOT NULL CHECK (method IN ('cash', 'card', 'cheque', 'transfer')),
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  -- Cheque: bank, number and drawer (needed for the deposit slip); nothing of that for the other methods.
  cheque_bank text CHECK (cheque_bank IS NULL OR length(btrim(cheque_bank)) BETWEEN 1 AND 100),
  cheque_number text CHECK (cheque_number IS NULL OR cheque_number ~ '^[0-9A-Za-z]{1,20}$'),
  cheque_drawer text CHECK (cheque_drawer IS NULL OR length(btrim(cheque_drawer)) BETWEEN 1 AND 120),
  -- Card: the terminal's answer (which terminal, its transaction id and authorisation number).
  terminal text CHECK (terminal IS NULL OR length(terminal) BETWEEN 1 AND 60),
  terminal_transaction_id text CHECK (terminal_transaction_id IS NULL OR length(terminal_transaction_id) BETWEEN 1 AND 100),
  terminal_authorisation text CHECK (terminal_authorisation IS NULL OR length(terminal_authorisation) BETWEEN 1 AND 40),
  transfer_reference text CHECK (transfer_reference IS NULL OR length(btrim(transfer_reference)) BETWEEN 1 AND 140),
  received_at timestamptz NOT NULL DEFAULT pivot_now(),
  -- Order of entry: payments of one request share received_at (the transaction's instant).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  recorded_by uuid NOT NULL REFERENCES accounts(id),
  FOREIGN KEY (practice_id, invoice_id) REFERENCES billing_invoices (practice_id, id),
  CONSTRAINT billing_payments_cheque CHECK (
    (method = 'cheque') = (cheque_bank IS NOT NULL AND cheque_number IS NOT NULL AND cheque_drawer IS NOT NULL)
    AND (method = 'cheque' OR (cheque_bank IS NULL AND cheque_number IS NULL AND cheque_drawer IS NULL))),
  CONSTRAINT billing_payments_card CHECK (
    (method = 'card') = (terminal IS NOT NULL AND terminal_transaction_id IS NOT NULL)
    AND (method = 'card' OR (terminal IS NULL AND terminal_transaction_id IS NULL AND terminal_authorisation IS NULL))),
  CONSTRAINT billing_payments_transfer CHECK (method = 'transfer' OR transfer_reference IS NULL)
);
CREATE INDEX billing_payments_invoice_idx ON billing_payments (invoice_id);

-- Each payment adds to its invoice's paid_cents in the same statement: the UPDATE takes the invoice's row lock
-- (a concurrent payment waits, then re-reads the new paid_cents) and billing_invoices_paid_within_due refuses the
-- payment that would collect more than is due. No application code can bypass it.
CREATE FUNCTION billing_payments_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('pivot.billing_payment_trigger', 'on', true);
  UPDATE billing_invoices SET paid_cents = paid_cents + NEW.amount_cents WHERE id = NEW.invoice_id AND practice_id = NEW.practice_id;
  PERFORM set_config('pivot.billing_payment_trigger', 'off', true);
  RETURN NULL;
END $$;
CREATE TRIGGER billing_payments_apply AFTER INSERT ON billing_payments FOR EACH ROW EXECUTE FUNCTION billing_payments_apply();
CREATE TRIGGER billing_payments_immutable BEFORE UPDATE OR DELETE ON billing_payments FOR EACH ROW EXECUTE FUNCTION billing_immutable();
