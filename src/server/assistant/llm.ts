import { z } from 'zod';
import { INTENTS, URGENCIES, type Intent, type TriageResult, type Urgency } from '../triage/index.js';

/**
 * Optional LLM provider (off by default). It may only refine the intent and propose a draft reply for the desk;
 * it can never lower an urgency decided by the rules, never changes a vital decision, and its draft is never sent
 * to a patient automatically. Any failure (timeout, bad JSON, unknown labels) is ignored: the rules stand.
 */
export interface LlmSuggestion {
  intent?: Intent | undefined;
  urgency?: Urgency | undefined;
  /** A draft reply for the secretary to review. */
  draft?: string | undefined;
}

export interface LlmProvider {
  readonly name: string;
  refine(input: { text: string; triage: TriageResult }): Promise<LlmSuggestion | null>;
}

/** Rules' intent confidence under which the LLM may propose another intent. */
export const LLM_INTENT_CONFIDENCE_CEILING = 0.7;
const RANK: Record<Urgency, number> = { routine: 0, same_day: 1, vital: 2 };

export function urgencyRank(u: Urgency): number {
  return RANK[u];
}

export interface MergedTriage {
  triage: TriageResult;
  draft: string | null;
}

/** Pure merge of the rules' decision with an LLM suggestion. The merged urgency is never below the rules'. */
export function mergeLlm(rules: TriageResult, suggestion: LlmSuggestion | null | undefined): MergedTriage {
  if (!suggestion) return { triage: rules, draft: null };
  const reasons = [...rules.reasons];
  let urgency = rules.urgency;
  const suggestedUrgency = (URGENCIES as readonly string[]).includes(suggestion.urgency ?? '') ? (suggestion.urgency as Urgency) : undefined;
  if (suggestedUrgency && RANK[suggestedUrgency] > RANK[urgency]) {
    urgency = suggestedUrgency;
    reasons.push({ code: 'LLM_RAISED_URGENCY', label: 'Urgence relevée par le modèle de langage (à vérifier)', evidence: `${rules.urgency} → ${suggestedUrgency}` });
  }
  let intent = rules.intent;
  const suggestedIntent = (INTENTS as readonly string[]).includes(suggestion.intent ?? '') ? (suggestion.intent as Intent) : undefined;
  if (
    suggestedIntent &&
    suggestedIntent !== intent &&
    rules.urgency !== 'vital' &&
    rules.details.intentConfidence < LLM_INTENT_CONFIDENCE_CEILING
  ) {
    reasons.push({ code: 'LLM_INTENT', label: 'Intention affinée par le modèle de langage', evidence: `${intent} → ${suggestedIntent}` });
    intent = suggestedIntent;
  }
  const draft = typeof suggestion.draft === 'string' && suggestion.draft.trim() ? suggestion.draft.trim().slice(0, 2000) : null;
  return { triage: { ...rules, intent, urgency, reasons }, draft };
}

const suggestionSchema = z.object({
  intent: z.string().optional(),
  urgency: z.string().optional(),
  draft: z.string().optional(),
});

const SYSTEM_PROMPT = `Tu aides le secrétariat d'un cabinet médical français à trier les messages de patients.
Réponds UNIQUEMENT par un objet JSON {"intent": ..., "urgency": ..., "draft": ...}.
intent ∈ ${INTENTS.join(', ')}. urgency ∈ vital, same_day, routine.
draft : brouillon de réponse courte, dans la langue du message, pour la secrétaire. Jamais de conseil médical, de diagnostic,
de posologie ni de résultat ; ne promets aucun rendez-vous précis. En cas de doute sur la gravité, choisis l'urgence la plus haute.`;

export interface OpenAiCompatibleOptions {
  /** Base URL, e.g. `http://127.0.0.1:8080/v1` (the driver posts to `<url>/chat/completions`). */
  url: string;
  model: string;
  key?: string | undefined;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** Driver for any OpenAI-compatible `/chat/completions` endpoint (llama.cpp server, vLLM, Ollama, hosted APIs). */
export class OpenAiCompatibleLlm implements LlmProvider {
  readonly name = 'openai-compatible';
  constructor(private readonly opts: OpenAiCompatibleOptions) {}

  async refine(input: { text: string; triage: TriageResult }): Promise<LlmSuggestion | null> {
    const endpoint = `${this.opts.url.replace(/\/+$/, '')}/chat/completions`;
    const fetchImpl = this.opts.fetchImpl ?? fetch;
    try {
      const res = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.opts.key ? { authorization: `Bearer ${this.opts.key}` } : {}) },
        body: JSON.stringify({
          model: this.opts.model,
          temperature: 0,
          response_format: { type: 'json_object' },
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            {
              role: 'user',
              content: `Décision des règles : intent=${input.triage.intent}, urgency=${input.triage.urgency}, lang=${input.triage.lang}.\nMessage :\n${input.text.slice(0, 4000)}`,
            },
          ],
        }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 8000),
      });
      if (!res.ok) return null;
      const body = (await res.json()) as { choices?: { message?: { content?: unknown } }[] };
      const content = body.choices?.[0]?.message?.content;
      if (typeof content !== 'string') return null;
      return parseSuggestion(content);
    } catch {
      return null;
    }
  }
}

/** Reads the model's JSON answer (tolerates a ```json fence); unknown labels are dropped. */
export function parseSuggestion(content: string): LlmSuggestion | null {
  const stripped = content.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(stripped);
  } catch {
    return null;
  }
  const parsed = suggestionSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { intent, urgency, draft } = parsed.data;
  return {
    intent: (INTENTS as readonly string[]).includes(intent ?? '') ? (intent as Intent) : undefined,
    urgency: (URGENCIES as readonly string[]).includes(urgency ?? '') ? (urgency as Urgency) : undefined,
    draft,
  };
}

/** The LLM named by the environment, or none (default). Needs PIVOT_LLM_URL and PIVOT_LLM_MODEL; PIVOT_LLM_KEY is optional. */
export function llmFromEnv(env: NodeJS.ProcessEnv): LlmProvider | undefined {
  const url = env.PIVOT_LLM_URL?.trim();
  const model = env.PIVOT_LLM_MODEL?.trim();
  if (!url || !model) return undefined;
  return new OpenAiCompatibleLlm({ url, model, key: env.PIVOT_LLM_KEY || undefined, timeoutMs: Number(env.PIVOT_LLM_TIMEOUT_MS ?? 8000) });
}
