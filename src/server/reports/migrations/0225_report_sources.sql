-- A report drafted from a consultation draft keeps the transcript and the draft's sentences with their citations
-- (docs/reports.md « Depuis un brouillon de consultation »), so that the editor shows each sentence's source and
-- validation can refuse unsourced sentences left as drafted. Written once with the report, never changed.
CREATE TABLE report_sources (
  report_id uuid PRIMARY KEY,
  practice_id uuid NOT NULL,
  transcript text NOT NULL CHECK (length(transcript) BETWEEN 1 AND 100000),
  sentences jsonb NOT NULL CHECK (jsonb_typeof(sentences) = 'array'),
  engine text NOT NULL CHECK (length(engine) BETWEEN 1 AND 60),
  created_by uuid NOT NULL REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT pivot_now(),
  FOREIGN KEY (practice_id, report_id) REFERENCES reports (practice_id, id)
);

CREATE FUNCTION report_sources_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report sources never change' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER report_sources_frozen BEFORE UPDATE OR DELETE ON report_sources FOR EACH ROW EXECUTE FUNCTION report_sources_frozen();
