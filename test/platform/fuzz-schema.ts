import fs from 'node:fs';
import {
  buildSchema, getNamedType, getNullableType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType,
  isObjectType, isInterfaceType, isScalarType,
  type GraphQLField, type GraphQLInputType, type GraphQLNamedType, type GraphQLOutputType, type GraphQLSchema,
} from 'graphql';

// The fuzz suite's view of the schema: which root fields there are, where a value can go in their
// arguments (slots), and the document that calls one. Nothing here knows a module: it reads
// schema.graphql (which test/schema.test.ts keeps equal to the built schema), so a new operation
// is fuzzed as soon as it is in the schema.

export type Root = 'Query' | 'Mutation' | 'Subscription';
export type Path = readonly (string | number)[];
export type LeafKind = 'string' | 'id' | 'int' | 'float' | 'boolean' | 'enum' | 'time' | 'json' | 'list' | 'object';

/** One place in a root field's arguments that a value can be put, and what kind of value it takes. */
export interface Slot {
  path: Path;
  kind: LeafKind;
  /** The input type (or root field) and field name the slot belongs to, e.g. `PostingInput.amount` or `revokeApiKey.id`. */
  owner: string;
  name: string;
}

export const schema: GraphQLSchema = buildSchema(fs.readFileSync('schema.graphql', 'utf8'));

export function rootFields(root: Root): GraphQLField<unknown, unknown>[] {
  const type = root === 'Query' ? schema.getQueryType() : root === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return Object.values(type?.getFields() ?? {}).sort((a, b) => a.name.localeCompare(b.name));
}

function kindOf(type: GraphQLInputType): LeafKind {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return 'list';
  if (isInputObjectType(nullable)) return 'object';
  if (isEnumType(nullable)) return 'enum';
  switch ((nullable as GraphQLNamedType).name) {
    case 'ID': return 'id';
    case 'Int': return 'int';
    case 'Float': return 'float';
    case 'Boolean': return 'boolean';
    case 'DateTimeISO': return 'time';
    case 'JSONObject': return 'json';
    default: return 'string';
  }
}

/** Every slot of a root field's arguments, lists entered at their first item, input objects to a few levels. */
export function slotsOf(field: GraphQLField<unknown, unknown>): Slot[] {
  const slots: Slot[] = [];
  const walk = (type: GraphQLInputType, path: Path, owner: string, name: string, depth: number): void => {
    slots.push({ path, kind: kindOf(type), owner, name });
    const nullable = getNullableType(type);
    if (depth > 6) return;
    if (isListType(nullable)) walk(nullable.ofType as GraphQLInputType, [...path, 0], owner, name, depth + 1);
    else if (isInputObjectType(nullable)) {
      for (const inner of Object.values(nullable.getFields())) walk(inner.type, [...path, inner.name], nullable.name, inner.name, depth + 1);
    }
  };
  for (const arg of field.args) walk(arg.type, [arg.name], field.name, arg.name, 0);
  return slots;
}

/** The input type at a path of a root field's arguments. */
export function typeAt(field: GraphQLField<unknown, unknown>, path: Path): GraphQLInputType | undefined {
  let type: GraphQLInputType | undefined = field.args.find((arg) => arg.name === path[0])?.type;
  for (const step of path.slice(1)) {
    const nullable: GraphQLInputType | undefined = type && getNullableType(type);
    if (typeof step === 'number') type = nullable && isListType(nullable) ? nullable.ofType as GraphQLInputType : undefined;
    else type = nullable && isInputObjectType(nullable) ? nullable.getFields()[step]?.type : undefined;
  }
  return type;
}

/**
 * A selection of every argument-free (or all-optional-argument) field to `depth` levels, with
 * __typename on every object, so an answer can be read for ids and tokens.
 */
export function selectionOf(type: GraphQLOutputType, depth = 3): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named) && !isInterfaceType(named)) return ' { __typename }';
  const parts = ['__typename'];
  for (const inner of Object.values(named.getFields())) {
    if (inner.args.some((arg) => isNonNullType(arg.type))) continue;
    const innerNamed = getNamedType(inner.type);
    if (isLeafType(innerNamed)) parts.push(inner.name);
    else if (depth > 1) parts.push(`${inner.name}${selectionOf(inner.type, depth - 1)}`);
  }
  return ` { ${parts.join(' ')} }`;
}

/** The document calling one root field with its arguments as variables (only those present). */
export function documentOf(root: Root, field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>): string {
  const args = field.args.filter((arg) => arg.name in variables);
  const defs = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `${root.toLowerCase()} Fuzz${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''}${selectionOf(field.type)} }`;
}

const nameRe = /^[_A-Za-z][_0-9A-Za-z]*$/;
/** A list literal costs two tokens a level, and a document may have 5,000 (limits.queryTokensMax). */
const literalDepthMax = 2_500;

/**
 * A value written as a GraphQL literal of the type, or undefined when it cannot be (a key that is no
 * name, or nesting deeper than the document's token limit would ever let through).
 */
export function literalOf(value: unknown, type: GraphQLInputType | undefined, depth = 0): string | undefined {
  const nullable = type && getNullableType(type);
  if (depth > literalDepthMax) return undefined;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return nullable && isEnumType(nullable) && nameRe.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return Number.isFinite(value) || typeof value === 'boolean' ? String(value) : undefined;
  if (Array.isArray(value)) {
    const itemType = nullable && isListType(nullable) ? nullable.ofType as GraphQLInputType : nullable && isScalarType(nullable) ? nullable : undefined;
    const items = value.map((item) => literalOf(item, itemType, depth + 1));
    return items.includes(undefined) ? undefined : `[${items.join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : undefined;
    const parts: string[] = [];
    for (const [key, inner] of Object.entries(value)) {
      if (!nameRe.test(key)) return undefined;
      const literal = literalOf(inner, fields ? fields[key]?.type : nullable, depth + 1);
      if (literal === undefined) return undefined;
      parts.push(`${key}: ${literal}`);
    }
    return `{${parts.join(', ')}}`;
  }
  return undefined;
}

/** The same call with every argument written in the document itself, or undefined when one cannot be. */
export function inlineDocumentOf(root: Root, field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  for (const arg of field.args.filter((a) => a.name in variables)) {
    const literal = literalOf(variables[arg.name], arg.type);
    if (literal === undefined) return undefined;
    parts.push(`${arg.name}: ${literal}`);
  }
  return `${root.toLowerCase()} FuzzInline { ${field.name}${parts.length ? `(${parts.join(', ')})` : ''}${selectionOf(field.type)} }`;
}

/** A copy of `value` with `replacement` at `path`; the objects and lists on the way must be there. */
export function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [step, ...rest] = path;
  const here = value as Record<string | number, unknown>;
  const copy = (Array.isArray(here) ? [...here] : { ...here }) as Record<string | number, unknown>;
  copy[step] = setAt(copy[step], rest, replacement);
  return copy;
}

/** The value at a path, or undefined. */
export function getAt(value: unknown, path: Path): unknown {
  let here = value;
  for (const step of path) here = here === null || typeof here !== 'object' ? undefined : (here as Record<string | number, unknown>)[step];
  return here;
}
