-- Receipts (notes d'honoraires) and credit notes (avoirs), numbered per practitioner and calendar year without
-- gaps (docs/billing.md). One series per practitioner-year holds both kinds, so a correction (credit note + new
-- receipt) takes the next two numbers of the same series.
CREATE TABLE billing_receipt_counters (
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  last_number integer NOT NULL CHECK (last_number >= 1),
  PRIMARY KEY (practice_id, practitioner_id, year),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id)
);

CREATE TABLE billing_receipts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('receipt', 'credit_note')),
  -- Set by the numbering trigger below, whatever the INSERT says.
  year integer NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  -- The credit note names the receipt it cancels; a receipt is credited at most once.
  credits_receipt_id uuid UNIQUE,
  reason text CHECK (reason IS NULL OR length(btrim(reason)) BETWEEN 3 AND 500),
  -- What the document states, frozen on issue (a credit note states the cancelled receipt's amounts).
  total_cents integer NOT NULL CHECK (total_cents >= 0),
  amo_cents integer NOT NULL CHECK (amo_cents >= 0),
  amc_cents integer NOT NULL CHECK (amc_cents >= 0),
  patient_cents integer NOT NULL CHECK (patient_cents >= 0),
  due_at_desk_cents integer NOT NULL CHECK (due_at_desk_cents >= 0),
  paid_cents integer NOT NULL CHECK (paid_cents >= 0 AND paid_cents <= due_at_desk_cents),
  issued_at timestamptz NOT NULL DEFAULT pivot_now(),
  issued_by uuid NOT NULL REFERENCES accounts(id),
  UNIQUE (practice_id, id),
  UNIQUE (practice_id, practitioner_id, year, number),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id),
  FOREIGN KEY (practice_id, invoice_id) REFERENCES billing_invoices (practice_id, id),
  FOREIGN KEY (practice_id, credits_receipt_id) REFERENCES billing_receipts (practice_id, id),
  CONSTRAINT billing_receipts_credit_note CHECK (
    (kind = 'credit_note') = (credits_receipt_id IS NOT NULL) AND (kind = 'credit_note') = (reason IS NOT NULL)),
  CONSTRAINT billing_receipts_shares_sum CHECK (total_cents = amo_cents + amc_cents + patient_cents)
);
CREATE INDEX billing_receipts_invoice_idx ON billing_receipts (invoice_id);

-- Contents and number of a receipt or credit note, both given by the database. The number is the next of the
-- practitioner's series for the year of issue (in the practice's time zone), taken from the counter row in the same
-- transaction. The counter's row lock serialises concurrent issues, and a
-- rolled-back transaction rolls its increment back with it: the numbers have no gap.
CREATE FUNCTION billing_receipts_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE tz text; inv billing_invoices%ROWTYPE; credited billing_receipts%ROWTYPE;
BEGIN
  -- The invoice's row lock serialises every issue for one invoice (two desks clicking at once).
  SELECT * INTO inv FROM billing_invoices WHERE id = NEW.invoice_id AND practice_id = NEW.practice_id FOR UPDATE;
  IF NOT FOUND OR inv.practitioner_id <> NEW.practitioner_id THEN
    RAISE EXCEPTION 'billing_receipts: a receipt is in the name of its invoice''s practitioner' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.kind = 'receipt' THEN
    -- One receipt in force per invoice: another needs the previous one cancelled by a credit note first.
    IF EXISTS (SELECT 1 FROM billing_receipts r WHERE r.invoice_id = NEW.invoice_id AND r.kind = 'receipt'
               AND NOT EXISTS (SELECT 1 FROM billing_receipts c WHERE c.credits_receipt_id = r.id)) THEN
      RAISE EXCEPTION 'billing_receipts: the invoice already has a receipt in force (cancel it with a credit note first)' USING ERRCODE = 'check_violation';
    END IF;
    -- A receipt states the invoice as it stands now, whatever the INSERT says.
    NEW.total_cents := inv.total_cents; NEW.amo_cents := inv.amo_cents; NEW.amc_cents := inv.amc_cents;
    NEW.patient_cents := inv.patient_cents; NEW.due_at_desk_cents := inv.due_at_desk_cents; NEW.paid_cents := inv.paid_cents;
  ELSE
    -- A credit note cancels a receipt of the same invoice and states that receipt's figures.
    SELECT * INTO credited FROM billing_receipts r WHERE r.id = NEW.credits_receipt_id AND r.invoice_id = NEW.invoice_id AND r.kind = 'receipt';
    IF NOT FOUND THEN
      RAISE EXCEPTION 'billing_receipts: a credit note cancels a receipt of the same invoice' USING ERRCODE = 'check_violation';
    END IF;
    NEW.total_cents := credited.total_cents; NEW.amo_cents := credited.amo_cents; NEW.amc_cents := credited.amc_cents;
    NEW.patient_cents := credited.patient_cents; NEW.due_at_desk_cents := credited.due_at_desk_cents; NEW.paid_cents := credited.paid_cents;
  END IF;
  SELECT timezone INTO tz FROM practices WHERE id = NEW.practice_id;
  NEW.issued_at := pivot_now();
  NEW.year := extract(year FROM NEW.issued_at AT TIME ZONE coalesce(tz, 'Europe/Paris'))::int;
  INSERT INTO billing_receipt_counters AS c (practice_id, practitioner_id, year, last_number)
    VALUES (NEW.practice_id, NEW.practitioner_id, NEW.year, 1)
    ON CONFLICT (practice_id, practitioner_id, year) DO UPDATE SET last_number = c.last_number + 1
    RETURNING last_number INTO NEW.number;
  RETURN NEW;
END $$;
CREATE TRIGGER billing_receipts_number BEFORE INSERT ON billing_receipts FOR EACH ROW EXECUTE FUNCTION billing_receipts_number();
-- Issued receipts and credit notes are never edited nor deleted.
CREATE TRIGGER billing_receipts_immutable BEFORE UPDATE OR DELETE ON billing_receipts FOR EACH ROW EXECUTE FUNCTION billing_immutable();

-- The counter starts at 1 and only ever moves one step up: no reset, no skipped number, no deletion.
CREATE FUNCTION billing_receipt_counters_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.last_number <> 1 THEN
      RAISE EXCEPTION 'billing_receipt_counters: a series starts at 1' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' OR NEW.last_number <> OLD.last_number + 1
     OR (NEW.practice_id, NEW.practitioner_id, NEW.year) IS DISTINCT FROM (OLD.practice_id, OLD.practitioner_id, OLD.year) THEN
    RAISE EXCEPTION 'billing_receipt_counters: a receipt series only moves one step up' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER billing_receipt_counters_guard BEFORE INSERT OR UPDATE OR DELETE ON billing_receipt_counters FOR EACH ROW EXECUTE FUNCTION billing_receipt_counters_guard();
