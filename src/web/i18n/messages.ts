// The UI's messages: the shared ones (src/web/i18n/{fr,en}.json) plus one pair of files per capability
// (src/web/<capability>/locales/{fr,en}.json, each under its own top-level key), merged at build time.
import fr from './fr.json';
import en from './en.json';
import { frenchTypography } from '../ui/typography';

export type Messages = Record<string, unknown>;

const capabilityFiles = import.meta.glob<Messages>('../*/locales/*.json', { eager: true, import: 'default' });

function isObject(value: unknown): value is Messages {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge; two files defining the same leaf is a mistake worth failing loudly on. */
export function mergeMessages(target: Messages, source: Messages, origin: string, path = ''): Messages {
  for (const [key, value] of Object.entries(source)) {
    const at = path ? `${path}.${key}` : key;
    const existing = target[key];
    if (isObject(existing) && isObject(value)) mergeMessages(existing, value, origin, at);
    else if (existing !== undefined) throw new Error(`i18n: la clé « ${at} » est définie deux fois (${origin})`);
    else target[key] = isObject(value) ? mergeMessages({}, value, origin, at) : value;
  }
  return target;
}

export function buildMessages(language: 'fr' | 'en'): Messages {
  const messages = mergeMessages({}, language === 'fr' ? fr : en, 'i18n');
  for (const [file, content] of Object.entries(capabilityFiles)) {
    if (file.endsWith(`/locales/${language}.json`)) mergeMessages(messages, content, file);
  }
  return language === 'fr' ? typeset(messages) : messages;
}

/** Every French message gets its no-break spaces here, once, rather than by hand in each file (ui/typography.ts). */
function typeset(messages: Messages): Messages {
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') messages[key] = frenchTypography(value);
    else if (isObject(value)) typeset(value);
  }
  return messages;
}
