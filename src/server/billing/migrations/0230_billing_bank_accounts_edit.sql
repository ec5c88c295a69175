-- Bank accounts kept by the practitioner from the books screens (issue 13): the bank's name (printed on the deposit
-- slip beside the holder and the IBAN), and an active flag. An account is never deleted (its slips point to it):
-- it is deactivated, and a deactivated account takes no new slip. The IBAN and the owner still never change
-- (billing_bank_accounts_guard): a new account is a new row.
ALTER TABLE billing_bank_accounts
  ADD COLUMN bank_name text NOT NULL DEFAULT '' CHECK (length(btrim(bank_name)) <= 80),
  ADD COLUMN active boolean NOT NULL DEFAULT true,
  ADD COLUMN updated_at timestamptz;

CREATE OR REPLACE FUNCTION billing_deposit_slips_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE acct billing_bank_accounts%ROWTYPE;
BEGIN
  SELECT * INTO acct FROM billing_bank_accounts WHERE id = NEW.bank_account_id AND practice_id = NEW.practice_id FOR UPDATE;
  IF NOT FOUND OR acct.practitioner_id <> NEW.practitioner_id THEN
    RAISE EXCEPTION 'billing_deposit_slips: the bank account is the practitioner''s' USING ERRCODE = 'check_violation';
  END IF;
  IF NOT acct.active THEN
    RAISE EXCEPTION 'billing_deposit_slips: the bank account is deactivated' USING ERRCODE = 'check_violation';
  END IF;
  PERFORM set_config('pivot.billing_slip_trigger', 'on', true);
  UPDATE billing_bank_accounts SET last_slip_number = last_slip_number + 1 WHERE id = acct.id RETURNING last_slip_number INTO NEW.number;
  PERFORM set_config('pivot.billing_slip_trigger', 'off', true);
  NEW.created_at := pivot_now();
  RETURN NEW;
END $$;
