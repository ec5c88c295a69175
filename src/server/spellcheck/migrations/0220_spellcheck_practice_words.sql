-- The practice dictionary: words the secretaries and practitioners of one practice add (colleagues' names, local
-- brands, house abbreviations) so that the spell-checker stops flagging them in that practice only. One row per
-- word and practice; the key (trimmed, typographic apostrophe as ', NFC, lower case) is computed by the database
-- itself, so "Kinéflex" and "kinéflex" cannot both be added, whoever writes the row.
CREATE TABLE spellcheck_practice_words (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES practices(id),
  word text NOT NULL CHECK (word = btrim(word) AND length(word) BETWEEN 2 AND 60 AND word !~ '[[:space:][:digit:]]'),
  word_key text GENERATED ALWAYS AS (lower(normalize(replace(word, '’', ''''), NFC))) STORED,
  added_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  UNIQUE (practice_id, id),
  CONSTRAINT spellcheck_practice_words_unique UNIQUE (practice_id, word_key),
  FOREIGN KEY (practice_id, added_by) REFERENCES memberships (practice_id, account_id)
);
