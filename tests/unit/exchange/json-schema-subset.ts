/**
 * A small JSON Schema (draft 2020-12) checker for the keywords our schemas use — enough to test
 * that codebooks/codebook.schema.json and the zod parser agree, without adding ajv. It throws on
 * any keyword it does not know, so a schema cannot silently outgrow it.
 */
type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', '$defs', 'title', 'description']);
const KNOWN = new Set([
  ...ANNOTATIONS,
  '$ref', 'type', 'required', 'properties', 'additionalProperties', 'items', 'pattern', 'minLength', 'maxLength', 'const', 'enum',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Returns the JSON Pointer-ish paths of all failures of `value` against `schema` (empty when valid). */
export function validateJsonSchema(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const walk = (schema: Schema, v: unknown, path: string): void => {
    for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`keyword not supported by the test checker: ${key}`);
    if (typeof schema.$ref === 'string') {
      const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
      const target = name ? (root.$defs as Record<string, Schema>)[name] : undefined;
      if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
      walk(target, v, path);
    }
    if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(v)) errors.push(`${path}: const`);
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) errors.push(`${path}: enum`);
    if (typeof schema.type === 'string') {
      const t = typeOf(v);
      if (!(t === schema.type || (schema.type === 'number' && t === 'integer'))) {
        errors.push(`${path}: type`);
        return;
      }
    }
    if (typeof v === 'string') {
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) errors.push(`${path}: pattern`);
      const length = [...v].length;
      if (typeof schema.minLength === 'number' && length < schema.minLength) errors.push(`${path}: minLength`);
      if (typeof schema.maxLength === 'number' && length > schema.maxLength) errors.push(`${path}: maxLength`);
    }
    if (Array.isArray(v) && schema.items) v.forEach((item, i) => walk(schema.items as Schema, item, `${path}/${i}`));
    if (typeOf(v) === 'object') {
      const object = v as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const name of (schema.required ?? []) as string[]) if (!(name in object)) errors.push(`${path}/${name}: required`);
      for (const [name, item] of Object.entries(object)) {
        if (properties[name]) walk(properties[name], item, `${path}/${name}`);
        else if (schema.additionalProperties === false) errors.push(`${path}/${name}: additionalProperties`);
      }
    }
  };
  walk(root, value, '');
  return errors;
}
