-- The practitioner's books (docs/billing.md « Les livres du praticien »): book settings, closed days, reversing
-- entries, bank accounts and cheque deposit slips, expenses, FEC/CSV export log. Amounts in integer cents.

-- How the day book names patients (a reference rather than the name when the practitioner chooses it) and whether
-- cash payments under 76 € are grouped per day.
CREATE TABLE billing_book_settings (
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  patient_label text NOT NULL DEFAULT 'reference' CHECK (patient_label IN ('name', 'reference')),
  group_small_cash boolean NOT NULL DEFAULT true,
  updated_by uuid REFERENCES accounts(id),
  updated_at timestamptz NOT NULL DEFAULT pivot_now(),
  PRIMARY KEY (practice_id, practitioner_id),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id)
);

-- A closed day of a practitioner's day book: nothing collected nor issued on it any more (trigger below).
CREATE TABLE billing_closed_days (
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  day date NOT NULL,
  entries integer NOT NULL CHECK (entries >= 0),
  total_cents bigint NOT NULL,
  closed_by uuid REFERENCES accounts(id),
  closed_at timestamptz NOT NULL DEFAULT pivot_now(),
  PRIMARY KEY (practice_id, practitioner_id, day),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id)
);
CREATE TRIGGER billing_closed_days_immutable BEFORE UPDATE OR DELETE ON billing_closed_days FOR EACH ROW EXECUTE FUNCTION billing_immutable();

CREATE FUNCTION billing_local_day(practice uuid, at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (at AT TIME ZONE coalesce((SELECT timezone FROM practices WHERE id = practice), 'Europe/Paris'))::date
$$;

-- A day cannot be closed before it has happened.
CREATE FUNCTION billing_closed_days_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.day > billing_local_day(NEW.practice_id, pivot_now()) THEN
    RAISE EXCEPTION 'billing_closed_days: a future day cannot be closed' USING ERRCODE = 'check_violation';
  END IF;
  NEW.closed_at := pivot_now();
  RETURN NEW;
END $$;
CREATE TRIGGER billing_closed_days_check BEFORE INSERT ON billing_closed_days FOR EACH ROW EXECUTE FUNCTION billing_closed_days_check();

-- Nothing is collected, issued or reversed on a closed day of the practitioner (payments, receipts and credit
-- notes, reversing entries). Updates and deletions of those rows are refused anyway (billing_immutable).
CREATE FUNCTION billing_books_closed_day() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE who uuid; at timestamptz;
BEGIN
  IF TG_TABLE_NAME = 'billing_payments' THEN
    SELECT practitioner_id INTO who FROM billing_invoices WHERE id = NEW.invoice_id AND practice_id = NEW.practice_id;
    at := NEW.received_at;
  ELSIF TG_TABLE_NAME = 'billing_receipts' THEN
    who := NEW.practitioner_id; at := pivot_now();
  ELSE
    who := NEW.practitioner_id; at := pivot_now();
  END IF;
  -- Closing a day locks the practitioner row FOR UPDATE: an entry being written waits for the closing (and is then
  -- refused), or the closing waits for the entry (and counts it).
  PERFORM 1 FROM practitioners WHERE id = who AND practice_id = NEW.practice_id FOR SHARE;
  IF EXISTS (SELECT 1 FROM billing_closed_days d WHERE d.practice_id = NEW.practice_id AND d.practitioner_id = who
             AND d.day = billing_local_day(NEW.practice_id, at)) THEN
    RAISE EXCEPTION 'billing_closed_days: the day % is closed for this practitioner', billing_local_day(NEW.practice_id, at) USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER billing_books_closed_day BEFORE INSERT ON billing_payments FOR EACH ROW EXECUTE FUNCTION billing_books_closed_day();
CREATE TRIGGER billing_books_closed_day BEFORE INSERT ON billing_receipts FOR EACH ROW EXECUTE FUNCTION billing_books_closed_day();

-- A reversing entry (contre-passation) of a payment recorded in error or a bounced cheque: dated the day it is
-- made, never the original day, so a closed day is never reopened. One reversal per payment.
CREATE TABLE billing_reversals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  payment_id uuid NOT NULL UNIQUE REFERENCES billing_payments(id),
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  entry_day date NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 3 AND 500),
  created_by uuid NOT NULL REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id)
);
CREATE FUNCTION billing_reversals_fill() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p billing_payments%ROWTYPE; who uuid;
BEGIN
  SELECT * INTO p FROM billing_payments WHERE id = NEW.payment_id AND practice_id = NEW.practice_id;
  SELECT practitioner_id INTO who FROM billing_invoices WHERE id = p.invoice_id;
  IF NOT FOUND OR who IS DISTINCT FROM NEW.practitioner_id THEN
    RAISE EXCEPTION 'billing_reversals: a reversal is in the books of the payment''s practitioner' USING ERRCODE = 'check_violation';
  END IF;
  -- Whatever the INSERT says: the whole payment, today.
  NEW.amount_cents := p.amount_cents;
  NEW.entry_day := billing_local_day(NEW.practice_id, pivot_now());
  NEW.created_at := pivot_now();
  RETURN NEW;
END $$;
CREATE TRIGGER billing_reversals_fill BEFORE INSERT ON billing_reversals FOR EACH ROW EXECUTE FUNCTION billing_reversals_fill();
CREATE TRIGGER billing_reversals_zz_closed_day BEFORE INSERT ON billing_reversals FOR EACH ROW EXECUTE FUNCTION billing_books_closed_day();
CREATE TRIGGER billing_reversals_immutable BEFORE UPDATE OR DELETE ON billing_reversals FOR EACH ROW EXECUTE FUNCTION billing_immutable();

-- The practitioner's bank accounts (where cheques are deposited).
CREATE TABLE billing_bank_accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 80),
  holder text NOT NULL CHECK (length(btrim(holder)) BETWEEN 1 AND 120),
  -- IBAN without spaces (checked with its mod-97 key by the service), or a French RIB.
  account text NOT NULL CHECK (account ~ '^[A-Z0-9]{14,34}$'),
  last_slip_number integer NOT NULL DEFAULT 0 CHECK (last_slip_number >= 0),
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  UNIQUE (practice_id, id),
  UNIQUE (practice_id, practitioner_id, account),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id)
);

-- A cheque deposit slip (bordereau de remise), numbered per practitioner and bank account without gaps.
CREATE TABLE billing_deposit_slips (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  bank_account_id uuid NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  deposited_on date NOT NULL,
  cheque_count integer NOT NULL CHECK (cheque_count >= 1),
  total_cents bigint NOT NULL CHECK (total_cents > 0),
  created_by uuid NOT NULL REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  UNIQUE (practice_id, id),
  UNIQUE (bank_account_id, number),
  FOREIGN KEY (practice_id, bank_account_id) REFERENCES billing_bank_accounts (practice_id, id),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id)
);
CREATE TABLE billing_deposit_slip_cheques (
  practice_id uuid NOT NULL,
  slip_id uuid NOT NULL,
  -- A cheque is on one slip only.
  payment_id uuid NOT NULL UNIQUE REFERENCES billing_payments(id),
  position integer NOT NULL CHECK (position >= 1),
  PRIMARY KEY (slip_id, position),
  FOREIGN KEY (practice_id, slip_id) REFERENCES billing_deposit_slips (practice_id, id)
);
CREATE TRIGGER billing_deposit_slips_immutable BEFORE UPDATE OR DELETE ON billing_deposit_slips FOR EACH ROW EXECUTE FUNCTION billing_immutable();
CREATE TRIGGER billing_deposit_slip_cheques_immutable BEFORE UPDATE OR DELETE ON billing_deposit_slip_cheques FOR EACH ROW EXECUTE FUNCTION billing_immutable();

-- The slip's number comes from its bank account row (locked: two desks get two consecutive numbers), its account
-- belongs to its practitioner.
CREATE FUNCTION billing_deposit_slips_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE acct billing_bank_accounts%ROWTYPE;
BEGIN
  SELECT * INTO acct FROM billing_bank_accounts WHERE id = NEW.bank_account_id AND practice_id = NEW.practice_id FOR UPDATE;
  IF NOT FOUND OR acct.practitioner_id <> NEW.practitioner_id THEN
    RAISE EXCEPTION 'billing_deposit_slips: the bank account is the practitioner''s' USING ERRCODE = 'check_violation';
  END IF;
  PERFORM set_config('pivot.billing_slip_trigger', 'on', true);
  UPDATE billing_bank_accounts SET last_slip_number = last_slip_number + 1 WHERE id = acct.id RETURNING last_slip_number INTO NEW.number;
  PERFORM set_config('pivot.billing_slip_trigger', 'off', true);
  NEW.created_at := pivot_now();
  RETURN NEW;
END $$;
CREATE TRIGGER billing_deposit_slips_number BEFORE INSERT ON billing_deposit_slips FOR EACH ROW EXECUTE FUNCTION billing_deposit_slips_number();

-- Only the slip trigger moves the counter, one step at a time; the identity of an account never changes.
CREATE FUNCTION billing_bank_accounts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'billing_bank_accounts: an account with slips is kept' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.last_slip_number <> OLD.last_slip_number AND (NEW.last_slip_number <> OLD.last_slip_number + 1
     OR current_setting('pivot.billing_slip_trigger', true) IS DISTINCT FROM 'on') THEN
    RAISE EXCEPTION 'billing_bank_accounts: slip numbers only move one step, with a slip' USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.practice_id, NEW.practitioner_id, NEW.account) IS DISTINCT FROM (OLD.practice_id, OLD.practitioner_id, OLD.account) THEN
    RAISE EXCEPTION 'billing_bank_accounts: the account number and owner never change (add another account)' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER billing_bank_accounts_guard BEFORE UPDATE OR DELETE ON billing_bank_accounts FOR EACH ROW EXECUTE FUNCTION billing_bank_accounts_guard();

-- Each slip line is a cheque payment of the slip's practitioner, not reversed.
CREATE FUNCTION billing_deposit_slip_cheques_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ok boolean;
BEGIN
  SELECT p.method = 'cheque' AND i.practitioner_id = s.practitioner_id
         AND NOT EXISTS (SELECT 1 FROM billing_reversals r WHERE r.payment_id = p.id)
    INTO ok
    FROM billing_payments p JOIN billing_invoices i ON i.id = p.invoice_id
    JOIN billing_deposit_slips s ON s.id = NEW.slip_id
   WHERE p.id = NEW.payment_id AND p.practice_id = NEW.practice_id;
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION 'billing_deposit_slip_cheques: a slip holds cheques of its practitioner, not reversed' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER billing_deposit_slip_cheques_check BEFORE INSERT ON billing_deposit_slip_cheques FOR EACH ROW EXECUTE FUNCTION billing_deposit_slip_cheques_check();

-- The count and total printed on a slip are those of its cheques (checked at commit, the lines come after the slip).
CREATE FUNCTION billing_deposit_slips_match() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE n int; total bigint;
BEGIN
  SELECT count(*), coalesce(sum(p.amount_cents), 0) INTO n, total
    FROM billing_deposit_slip_cheques c JOIN billing_payments p ON p.id = c.payment_id WHERE c.slip_id = NEW.id;
  IF n <> NEW.cheque_count OR total <> NEW.total_cents THEN
    RAISE EXCEPTION 'billing_deposit_slips: % cheques for % cents do not match the slip (% / %)', n, total, NEW.cheque_count, NEW.total_cents USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER billing_deposit_slips_match AFTER INSERT ON billing_deposit_slips DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION billing_deposit_slips_match();

-- Professional expenses (dépenses). A correction is a reversing expense (negative amount) dated the day it is made.
CREATE TABLE billing_expenses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  spent_on date NOT NULL,
  payee text NOT NULL CHECK (length(btrim(payee)) BETWEEN 1 AND 120),
  category text NOT NULL CHECK (category IN ('purchases', 'rent', 'staff', 'social_charges', 'taxes', 'small_equipment',
    'fees', 'travel', 'telecom', 'insurance', 'training', 'bank_fees', 'other')),
  amount_cents integer NOT NULL CHECK (amount_cents <> 0 AND abs(amount_cents) <= 100000000),
  means text NOT NULL CHECK (means IN ('cash', 'card', 'cheque', 'transfer', 'direct_debit')),
  note text CHECK (note IS NULL OR length(note) <= 500),
  reverses_expense_id uuid UNIQUE REFERENCES billing_expenses(id),
  created_by uuid NOT NULL REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id),
  CONSTRAINT billing_expenses_reversal CHECK ((amount_cents < 0) = (reverses_expense_id IS NOT NULL))
);
CREATE INDEX billing_expenses_day_idx ON billing_expenses (practice_id, practitioner_id, spent_on);
CREATE TRIGGER billing_expenses_immutable BEFORE UPDATE OR DELETE ON billing_expenses FOR EACH ROW EXECUTE FUNCTION billing_immutable();

-- Every accountant export: who, when, which period, which file (SHA-256 of the bytes sent).
CREATE TABLE billing_exports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  practitioner_id uuid NOT NULL,
  format text NOT NULL CHECK (format IN ('fec', 'csv')),
  from_day date NOT NULL,
  to_day date NOT NULL CHECK (to_day >= from_day),
  entries integer NOT NULL CHECK (entries >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  file_name text NOT NULL,
  exported_by uuid NOT NULL REFERENCES accounts(id),
  exported_at timestamptz NOT NULL DEFAULT pivot_now(),
  FOREIGN KEY (practice_id, practitioner_id) REFERENCES practitioners (practice_id, id)
);
CREATE TRIGGER billing_exports_immutable BEFORE UPDATE OR DELETE ON billing_exports FOR EACH ROW EXECUTE FUNCTION billing_immutable();

-- The day book reads payments by practitioner and day.
CREATE INDEX billing_payments_received_idx ON billing_payments (practice_id, received_at);
