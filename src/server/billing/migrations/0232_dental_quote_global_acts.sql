-- Orthodontics (orthopédie dento-faciale, NGAP TO 90 / TO 75) on a dental quote: a global treatment, with no tooth
-- (billing/dental/catalogue.ts, kind 'global'). A line has no tooth exactly when its act is one of those codes, and
-- such a line is never an alternative (the 100 % Santé alternative concerns prostheses). A new global code is a new
-- migration, like a new ceiling: the database, not only rules.ts, decides which acts may go without a tooth.
ALTER TABLE dental_quote_acts ALTER COLUMN tooth DROP NOT NULL;
ALTER TABLE dental_quote_acts DROP CONSTRAINT IF EXISTS dental_quote_acts_code_check;
ALTER TABLE dental_quote_acts ADD CONSTRAINT dental_quote_acts_code_check CHECK (code ~ '^([A-Z]{4}[0-9]{3}|TO[0-9]{1,3})$');
ALTER TABLE dental_quote_acts ADD CONSTRAINT dental_quote_acts_global_no_tooth
  CHECK ((tooth IS NULL) = (code IN ('TO90', 'TO75')) AND (tooth IS NOT NULL OR role = 'proposed'));
