-- A patient with the complémentaire santé solidaire has a ceiling on every prosthesis, tarifs libres included
-- (billing/dental/rules.ts, arrêté du 23 février 2024): an act of the free basket may now carry a ceiling. The
-- capped baskets still always have one, and a fee never exceeds the ceiling stored with its act.
ALTER TABLE dental_quote_acts DROP CONSTRAINT dental_quote_acts_ceiling;
ALTER TABLE dental_quote_acts ADD CONSTRAINT dental_quote_acts_ceiling
  CHECK ((basket = 'libre' OR ceiling_cents IS NOT NULL) AND (ceiling_cents IS NULL OR fee_cents <= ceiling_cents));
