import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/**
 * `schema` as an OpenAPI 3.1 Schema Object, its named parts (`.meta({ id })`) moved into `components`.
 *
 * Zod writes named parts as the schema's own `$defs` and points at them with `#/$defs/Name`; inside an OpenAPI
 * document such a pointer resolves against the document, not the schema, so each is hoisted to
 * `#/components/schemas/Name`. A request body is described as the server reads it (`io: 'input'`: defaults
 * optional, values before their transforms), a response as it is sent (`output`); a part used both ways is two
 * components, the input one named `NameInput`.
 */
export function toOpenApiSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const { $schema: _, $defs = {}, ...root } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  const nameOf = (id: string) => (io === 'input' ? `${id}Input` : id);
  for (const [id, part] of Object.entries($defs as Record<string, JsonSchema>)) {
    const hoisted = pointAtComponents(part, nameOf);
    const existing = components[nameOf(id)];
    if (existing && !isDeepStrictEqual(existing, hoisted)) throw new Error(`Two different schemas are named ${id}; give one another id.`);
    components[nameOf(id)] = hoisted;
  }
  return pointAtComponents(root, nameOf);
}

function pointAtComponents<T>(value: T, nameOf: (id: string) => string): T {
  if (Array.isArray(value)) return value.map((item) => pointAtComponents(item, nameOf)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) =>
      key === '$ref' && typeof item === 'string' && item.startsWith('#/$defs/')
        ? [key, `#/components/schemas/${nameOf(item.slice('#/$defs/'.length))}`]
        : [key, pointAtComponents(item, nameOf)],
    ),
  ) as T;
}
