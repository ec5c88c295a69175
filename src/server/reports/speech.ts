/**
 * Speech-to-text is optional and off by default: typing from the audio is the path. When a practice runs its own
 * engine (whisper.cpp's server, Vosk…) behind an HTTP endpoint, PIVOT_SPEECH_URL points at it: Pivot POSTs the
 * recording's bytes (Content-Type: the audio's type, Accept-Language: fr) and expects JSON `{"text": "…"}`. No
 * recording leaves for a cloud service; nothing is sent unless an administrator set the URL.
 */
export interface SpeechToText {
  /** What the screen says about the engine (« Moteur de dictée du cabinet », or a simulator named so). */
  readonly label: string;
  transcribe(audio: Buffer, mimeType: string): Promise<{ text: string }>;
}

export class HttpSpeechToText implements SpeechToText {
  readonly label = 'Moteur de reconnaissance vocale du cabinet';
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 60_000,
  ) {}

  async transcribe(audio: Buffer, mimeType: string): Promise<{ text: string }> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': mimeType, accept: 'application/json', 'accept-language': 'fr' },
      body: new Uint8Array(audio),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`speech engine answered ${res.status}`);
    const data = (await res.json()) as { text?: unknown };
    if (typeof data.text !== 'string') throw new Error('speech engine answered without text');
    return { text: data.text.slice(0, 100_000) };
  }
}

/** PIVOT_SPEECH_URL set → the HTTP adapter; unset → none (the transcribe button is not shown). */
export function speechFromEnv(env: NodeJS.ProcessEnv): SpeechToText | null {
  const url = env.PIVOT_SPEECH_URL?.trim();
  return url ? new HttpSpeechToText(url) : null;
}
