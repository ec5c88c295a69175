-- The text the OCR read on the first page of scanned post (or of an e-mail's first attachment), kept beside the
-- item's files so that the secretary sees what a patient proposal rests on (sealed like every file: patient data).
-- It is derived, never filed in the patient's documents (filing.service.ts).
ALTER TABLE correspondence_files DROP CONSTRAINT correspondence_files_kind_check;
ALTER TABLE correspondence_files ADD CONSTRAINT correspondence_files_kind_check
  CHECK (kind IN ('page', 'attachment', 'body', 'lab_source', 'letter', 'ocr_text'));
