import { AppError } from '../platform/http/errors.js';
import { patchTestFailed } from './error-messages.js';

/** A small RFC 6902 JSON Patch (add, remove, replace, test, copy, move) over plain JSON, for FHIR PATCH. */
export type PatchOp =
  | { op: 'add' | 'replace' | 'test'; path: string; value?: unknown }
  | { op: 'remove'; path: string }
  | { op: 'copy' | 'move'; path: string; from: string };

function invalid(message: string): AppError {
  return new AppError('unprocessable', [{ field: 'patch', message }]);
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw invalid(`Chemin JSON Pointer invalide : ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function parentOf(doc: unknown, tokens: string[]): { parent: Record<string, unknown> | unknown[]; key: string } {
  let node: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (FORBIDDEN_KEYS.has(t)) throw invalid('Chemin interdit.');
    if (Array.isArray(node)) node = node[Number(t)];
    else if (node && typeof node === 'object' && Object.hasOwn(node, t)) node = (node as Record<string, unknown>)[t];
    else throw invalid(`Chemin introuvable : /${tokens.join('/')}`);
  }
  if (!node || typeof node !== 'object') throw invalid(`Chemin introuvable : /${tokens.join('/')}`);
  const key = tokens[tokens.length - 1]!;
  if (FORBIDDEN_KEYS.has(key)) throw invalid('Chemin interdit.');
  return { parent: node as Record<string, unknown> | unknown[], key };
}

function get(doc: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  if (!tokens.length) return doc;
  const { parent, key } = parentOf(doc, tokens);
  if (Array.isArray(parent)) return parent[Number(key)];
  if (!Object.hasOwn(parent, key)) throw invalid(`Chemin introuvable : ${path}`);
  return parent[key];
}

function arrayIndex(arr: unknown[], key: string, forAdd: boolean): number {
  if (forAdd && key === '-') return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(key)) throw invalid(`Index de tableau invalide : ${key}`);
  const i = Number(key);
  if (i > arr.length || (!forAdd && i === arr.length)) throw invalid(`Index hors limites : ${key}`);
  return i;
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const tokens = parsePointer(path);
  if (!tokens.length) return value;
  const { parent, key } = parentOf(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else parent[key] = value;
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  if (!tokens.length) throw invalid('On ne peut pas supprimer la ressource entière.');
  const { parent, key } = parentOf(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false), 1);
  else {
    if (!Object.hasOwn(parent, key)) throw invalid(`Chemin introuvable : ${path}`);
    delete parent[key];
  }
  return doc;
}

export function applyJsonPatch<T>(input: T, ops: readonly PatchOp[]): T {
  let doc: unknown = structuredClone(input);
  for (const op of ops) {
    switch (op.op) {
      case 'add':
        doc = add(doc, op.path, structuredClone(op.value));
        break;
      case 'remove':
        doc = remove(doc, op.path);
        break;
      case 'replace':
        doc = remove(doc, op.path);
        doc = add(doc, op.path, structuredClone(op.value));
        break;
      case 'test':
        if (JSON.stringify(get(doc, op.path)) !== JSON.stringify(op.value)) {
          throw new AppError('conflict', [{ field: op.path, message: patchTestFailed(op.path) }]);
        }
        break;
      case 'copy':
        doc = add(doc, op.path, structuredClone(get(doc, op.from)));
        break;
      case 'move': {
        const v = get(doc, op.from);
        doc = remove(doc, op.from);
        doc = add(doc, op.path, v);
        break;
      }
    }
  }
  return doc as T;
}
