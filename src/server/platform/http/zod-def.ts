/**
 * Reading zod 4 schemas as data: the route layer walks a body's schema to find its ids (`canonical.ts`), and the
 * route-table fuzz suite walks the same schemas to build requests. Both need the definition and the schema a
 * wrapper (optional, default, pipe…) stands for, read the same way.
 */
export type ZodDef = { type: string; format?: string; checks?: { _zod?: { def?: { format?: string } } }[] } & Record<string, any>;

export const defOf = (schema: unknown): ZodDef | undefined => (schema as { _zod?: { def?: ZodDef } } | undefined)?._zod?.def;

/** A string schema that declares a UUID (`z.uuid()`, or `z.string().uuid()` as a check). */
export const isUuidString = (def: ZodDef): boolean =>
  def.format === 'uuid' || def.format === 'guid' || !!def.checks?.some((c) => ['uuid', 'guid'].includes(c._zod?.def?.format ?? ''));

/**
 * The schema a wrapper stands for on the input side, or undefined when `def` is not a wrapper. A pipe reads its
 * `in`: the walkers look at the value before validation transforms it.
 */
export function wrappedSchema(def: ZodDef): unknown {
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return def.innerType;
    case 'pipe':
      return def.in;
    case 'lazy':
      return (def.getter as () => unknown)();
    default:
      return undefined;
  }
}
