/**
 * Checks an answer against the OpenAPI document's schema for it, strictly: a
 * field the schema does not declare is a mismatch too, so the response DTOs
 * must say exactly what the routes send. Covers the part of OpenAPI 3.0 that
 * @nestjs/swagger emits: $ref, type, nullable, enum, properties, required,
 * items, additionalProperties, allOf, anyOf, oneOf.
 */
type Schema = Record<string, any>;
export type OpenApiDocument = { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } };

export function shapeProblems(doc: OpenApiDocument, schema: Schema | undefined, value: unknown, at = '$'): string[] {
  if (!schema) return [`${at}: no schema`];
  if (schema.$ref) {
    const name = String(schema.$ref).replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    return target ? shapeProblems(doc, target, value, at) : [`${at}: unknown ${schema.$ref}`];
  }
  // no type, no shape: any value at all, null included (an audit entry's before and after)
  if (!schema.type && !schema.properties && !schema.additionalProperties && !schema.enum && !schema.anyOf && !schema.oneOf && !schema.allOf) return [];
  if (value === null) return schema.nullable || schema.anyOf?.some((s: Schema) => s.nullable) ? [] : [`${at}: null, not nullable`];
  if (schema.anyOf || schema.oneOf) {
    const options: Schema[] = schema.anyOf ?? schema.oneOf;
    return options.some((s) => !shapeProblems(doc, s, value, at).length) ? [] : [`${at}: matches none of ${JSON.stringify(options)}`];
  }
  if (schema.allOf) {
    // the parts together describe one object: merge them, so "extra" means extra to all of them
    const parts = (schema.allOf as Schema[]).map((s) => (s.$ref ? doc.components?.schemas?.[String(s.$ref).replace('#/components/schemas/', '')] ?? {} : s));
    const merged = { type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})), required: parts.flatMap((p) => p.required ?? []) };
    return shapeProblems(doc, merged, value, at);
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`];
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${at}: ${JSON.stringify(value)} is not a string`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: ${JSON.stringify(value)} is not a number`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: ${JSON.stringify(value)} is not an integer`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: ${JSON.stringify(value)} is not a boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${at}: not an array`];
      return value.flatMap((v, i) => shapeProblems(doc, schema.items, v, `${at}[${i}]`));
    case 'object':
    case undefined: {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
      const obj = value as Record<string, unknown>;
      const props: Record<string, Schema> = schema.properties ?? {};
      const out: string[] = [];
      for (const name of schema.required ?? []) if (!(name in obj)) out.push(`${at}.${name}: missing`);
      for (const [name, v] of Object.entries(obj)) {
        if (props[name]) out.push(...shapeProblems(doc, props[name], v, `${at}.${name}`));
        else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') out.push(...shapeProblems(doc, schema.additionalProperties, v, `${at}.${name}`));
        else if (!schema.additionalProperties) out.push(`${at}.${name}: not declared`);
      }
      return out;
    }
    default:
      return [`${at}: unsupported schema type ${schema.type}`];
  }
}

/** The problems of one JSON answer of an operation ("GET /api/tasks/{id}"), against the schema its status declares. */
export function answerProblems(doc: OpenApiDocument, method: string, path: string, status: number, body: unknown): string[] {
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) return [`${method} ${path}: not in the document`];
  const response = op.responses?.[String(status)];
  if (!response) return [`${method} ${path}: answered ${status}, which it does not declare`];
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return [`${method} ${path} ${status}: no JSON schema declared`];
  return shapeProblems(doc, schema, body).map((p) => `${method} ${path} ${status} ${p}`);
}
