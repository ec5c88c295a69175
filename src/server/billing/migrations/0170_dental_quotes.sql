-- Dental quotes (devis) for prostheses (docs/billing.md « Devis dentaires »). The acts are priced by
-- billing/dental/rules.ts and stored as priced; the database keeps the invariants: shares add up, capped baskets
-- within their ceiling, a signature that matches its hash, states moving one way, and a signed quote unchangeable.
CREATE TABLE dental_quotes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  practitioner_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'presented', 'signed', 'refused', 'expired')),
  quote_date date NOT NULL,
  valid_until date NOT NULL,
  treatment text NOT NULL CHECK (length(btrim(treatment)) BETWEEN 1 AND 2000),
  amo_percent smallint NOT NULL CHECK (amo_percent BETWEEN 0 AND 100),
  presented_at timestamptz,
  closed_at timestamptz,
  -- The signature: PNG drawn on screen, or the scanned signed paper; its SHA-256 is checked here.
  signature_kind text CHECK (signature_kind IN ('screen', 'paper')),
  signed_option text CHECK (signed_option IN ('proposed', 'alternative')),
  signature_mime text CHECK (signature_mime IN ('image/png', 'image/jpeg', 'application/pdf')),
  signature bytea,
  signature_sha256 text,
  signed_at timestamptz,
  created_by uuid NOT NULL REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  UNIQUE (practice_id, id),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id),
  FOREIGN KEY (practice_id, patient_id) REFERENCES patients (practice_id, id),
  CONSTRAINT dental_quotes_validity CHECK (valid_until >= quote_date),
  CONSTRAINT dental_quotes_signed CHECK (
    (status = 'signed') = (signed_at IS NOT NULL AND signature IS NOT NULL AND signature_kind IS NOT NULL AND signed_option IS NOT NULL AND signature_mime IS NOT NULL)),
  CONSTRAINT dental_quotes_signature_hash CHECK (signature IS NULL OR signature_sha256 = encode(sha256(signature), 'hex')),
  CONSTRAINT dental_quotes_presented CHECK (status = 'draft' OR presented_at IS NOT NULL OR status IN ('refused', 'expired'))
);
CREATE INDEX dental_quotes_patient_idx ON dental_quotes (practice_id, patient_id, quote_date);
CREATE INDEX dental_quotes_practitioner_idx ON dental_quotes (practice_id, practitioner_id, quote_date);

CREATE TABLE dental_quote_acts (
  practice_id uuid NOT NULL,
  quote_id uuid NOT NULL,
  position smallint NOT NULL CHECK (position BETWEEN 1 AND 40),
  role text NOT NULL CHECK (role IN ('proposed', 'alternative')),
  alternative_for smallint,
  code text NOT NULL CHECK (code ~ '^[A-Z]{4}[0-9]{3}$'),
  label text NOT NULL,
  tooth smallint NOT NULL CHECK (tooth / 10 BETWEEN 1 AND 4 AND tooth % 10 BETWEEN 1 AND 8),
  basket text NOT NULL CHECK (basket IN ('rac0', 'maitrise', 'libre')),
  material text NOT NULL,
  manufacture_place text NOT NULL CHECK (manufacture_place IN ('france', 'eu', 'outside_eu')),
  fee_cents integer NOT NULL,
  base_cents integer NOT NULL CHECK (base_cents >= 0),
  amo_cents integer NOT NULL CHECK (amo_cents >= 0),
  patient_cents integer NOT NULL CHECK (patient_cents >= 0),
  ceiling_cents integer,
  PRIMARY KEY (quote_id, position),
  FOREIGN KEY (practice_id, quote_id) REFERENCES dental_quotes (practice_id, id),
  CONSTRAINT dental_quote_acts_shares CHECK (fee_cents = amo_cents + patient_cents AND fee_cents >= base_cents),
  CONSTRAINT dental_quote_acts_ceiling CHECK ((basket = 'libre') = (ceiling_cents IS NULL) AND (ceiling_cents IS NULL OR fee_cents <= ceiling_cents)),
  CONSTRAINT dental_quote_acts_alternative CHECK ((role = 'alternative') = (alternative_for IS NOT NULL) AND (alternative_for IS NULL OR basket <> 'libre'))
);
-- One alternative per proposed act: the patient's choice names one set of acts.
CREATE UNIQUE INDEX dental_quote_acts_one_alternative ON dental_quote_acts (quote_id, alternative_for) WHERE alternative_for IS NOT NULL;

-- States move one way (draft → presented → signed, or refused/expired before signing); the content changes only in
-- draft; a signed, refused or expired quote is never changed again, nor is any quote deleted.
CREATE FUNCTION dental_quotes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'dental_quotes: a quote is never deleted (mark it refused or expired)' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status IN ('signed', 'refused', 'expired') THEN
    RAISE EXCEPTION 'dental_quotes: a % quote is unchangeable', OLD.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'draft' AND NEW.status IN ('presented', 'refused', 'expired'))
    OR (OLD.status = 'presented' AND NEW.status IN ('signed', 'refused', 'expired'))) THEN
    RAISE EXCEPTION 'dental_quotes: % → % is not allowed', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status <> 'draft' AND (to_jsonb(NEW) - ARRAY['status', 'closed_at', 'signature_kind', 'signed_option', 'signature_mime', 'signature', 'signature_sha256', 'signed_at'])
                            IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'closed_at', 'signature_kind', 'signed_option', 'signature_mime', 'signature', 'signature_sha256', 'signed_at']) THEN
    RAISE EXCEPTION 'dental_quotes: a presented quote is changed only by signing, refusing or expiring it' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER dental_quotes_guard BEFORE UPDATE OR DELETE ON dental_quotes FOR EACH ROW EXECUTE FUNCTION dental_quotes_guard();

-- Acts are written, replaced or removed only while their quote is a draft (the quote's row lock orders this
-- against a concurrent presentation or signature).
CREATE FUNCTION dental_quote_acts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
  SELECT status INTO s FROM dental_quotes WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.quote_id ELSE NEW.quote_id END) FOR SHARE;
  IF s IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'dental_quote_acts: the acts of a % quote are unchangeable', s USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER dental_quote_acts_guard BEFORE INSERT OR UPDATE OR DELETE ON dental_quote_acts FOR EACH ROW EXECUTE FUNCTION dental_quote_acts_guard();

-- An invoice may bill one act of a signed quote, once: the act must belong to the option the patient signed.
ALTER TABLE billing_invoices ADD COLUMN dental_quote_id uuid, ADD COLUMN dental_quote_position smallint,
  ADD CONSTRAINT billing_invoices_dental_quote_fk FOREIGN KEY (practice_id, dental_quote_id) REFERENCES dental_quotes (practice_id, id),
  ADD CONSTRAINT billing_invoices_dental_quote_pair CHECK ((dental_quote_id IS NULL) = (dental_quote_position IS NULL));
CREATE UNIQUE INDEX billing_invoices_dental_act_key ON billing_invoices (dental_quote_id, dental_quote_position) WHERE dental_quote_id IS NOT NULL;

CREATE FUNCTION billing_invoices_dental_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE q record; a record;
BEGIN
  SELECT status, signed_option, signed_at, patient_id, practitioner_id INTO q FROM dental_quotes WHERE id = NEW.dental_quote_id AND practice_id = NEW.practice_id;
  IF q.status IS DISTINCT FROM 'signed' THEN
    RAISE EXCEPTION 'billing_invoices: only an act of a signed quote is billed' USING ERRCODE = 'check_violation';
  END IF;
  IF q.patient_id <> NEW.patient_id OR q.practitioner_id <> NEW.practitioner_id THEN
    RAISE EXCEPTION 'billing_invoices: the invoice and the quote are for another patient or practitioner' USING ERRCODE = 'check_violation';
  END IF;
  SELECT role, position, fee_cents INTO a FROM dental_quote_acts WHERE quote_id = NEW.dental_quote_id AND position = NEW.dental_quote_position;
  IF a.role IS NULL OR NOT (
       (q.signed_option = 'proposed' AND a.role = 'proposed')
    OR (q.signed_option = 'alternative' AND (a.role = 'alternative' OR NOT EXISTS (
          SELECT 1 FROM dental_quote_acts x WHERE x.quote_id = NEW.dental_quote_id AND x.alternative_for = a.position)))) THEN
    RAISE EXCEPTION 'billing_invoices: act % is not part of the option the patient signed', NEW.dental_quote_position USING ERRCODE = 'check_violation';
  END IF;
  IF a.fee_cents <> NEW.total_cents THEN
    RAISE EXCEPTION 'billing_invoices: the fee billed differs from the signed quote' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER billing_invoices_dental_check BEFORE INSERT ON billing_invoices FOR EACH ROW WHEN (NEW.dental_quote_id IS NOT NULL)
  EXECUTE FUNCTION billing_invoices_dental_check();
