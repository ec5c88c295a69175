-- Every identification attempt of a conversation (name + birth date given, or « nouveau code »), whether or not a
-- record fitted. The per-conversation limit on codes counts these, so that it is reached after the same number of
-- attempts for a person on file and for an invented one: a limit that only counted codes actually sent told an
-- attacker who is a patient of the practice.
CREATE TABLE assistant_identify_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL,
  conversation_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  FOREIGN KEY (practice_id, conversation_id) REFERENCES conversations (practice_id, id)
);
CREATE INDEX assistant_identify_attempts_conversation_idx ON assistant_identify_attempts (practice_id, conversation_id, created_at DESC);
