/**
 * What a dictation file is, from its first bytes (never from its name or the browser's word): the formats a
 * browser's <audio> plays and MediaRecorder writes. Pure.
 */
export const AUDIO_MIME_TYPES = ['audio/wav', 'audio/webm', 'audio/ogg', 'audio/mpeg', 'audio/mp4'] as const;
export type AudioMimeType = (typeof AUDIO_MIME_TYPES)[number];

const ascii = (b: Buffer, at: number, s: string) => b.length >= at + s.length && b.toString('latin1', at, at + s.length) === s;

export function sniffAudio(b: Buffer): AudioMimeType | null {
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return 'audio/wav';
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'audio/webm';
  if (ascii(b, 0, 'OggS')) return 'audio/ogg';
  if (ascii(b, 4, 'ftyp')) return 'audio/mp4';
  if (ascii(b, 0, 'ID3') || (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0)) return 'audio/mpeg';
  return null;
}

export const AUDIO_EXTENSION: Record<AudioMimeType, string> = { 'audio/wav': 'wav', 'audio/webm': 'webm', 'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a' };
