import {
  GraphQLError, Lexer, NoSchemaIntrospectionCustomRule, parse, Source, specifiedRules, syntaxError, TokenKind, validate,
  type DocumentNode, type GraphQLSchema, type ParseOptions, type ValidationContext, type ValidationRule,
} from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { limits } from '../limits.js';

/**
 * Limits on the shape of a GraphQL operation, checked before it runs, the same on HTTP (Apollo) and
 * WebSocket (graphql-ws):
 * - tokens and nesting: `lexicalRefusal` counts the document's tokens and how deeply its brackets
 *   nest before it is parsed, without recursion, and refuses over `queryTokensMax` tokens or
 *   `queryNestingMax` levels, so a huge or deeply nested document costs one lexing pass and never
 *   reaches graphql's recursive parser (which would overflow the stack on a few thousand levels and
 *   answer "Maximum call stack size exceeded"). The parser's own maxTokens stays on behind it.
 *   Refused as GRAPHQL_PARSE_FAILED.
 * - depth, cost, aliases, directives: graphql-armor validation rules. Refused as
 *   GRAPHQL_VALIDATION_FAILED, with a message naming the limit and what was found.
 * The codes are GraphQL's usual request-error codes (HTTP 400), not new ones: like a typo in a
 * field name, an over-limit document is the client's to fix and nothing of it has run.
 * armor ignores `__schema` introspection when measuring, since GraphiQL's introspection query is
 * deep by nature; graphql's MaxIntrospectionDepthRule (in specifiedRules) bounds introspection instead.
 */
export const queryParseOptions: ParseOptions = { maxTokens: limits.queryTokensMax };

const opening = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const closing = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Why a document may not be parsed (more than queryTokensMax tokens, or brackets nested deeper than
 * queryNestingMax), as the GRAPHQL_PARSE_FAILED error graphql's parser would raise, or undefined.
 * One pass of graphql's own lexer (so strings, block strings and comments are read exactly as the
 * parser reads them), stopping at the first token over the limit. A lexical error ends the pass:
 * the parser meets the same error at the same token, no deeper than this pass has seen.
 */
export function lexicalRefusal(query: string): GraphQLError | undefined {
  const source = new Source(query);
  const lexer = new Lexer(source);
  let depth = 0;
  let tooDeepAt: number | undefined;
  try {
    for (let tokens = 1, token = lexer.advance(); token.kind !== TokenKind.EOF; tokens += 1, token = lexer.advance()) {
      // The parser's own wording (typo included), so the limit reads the same whichever check meets it.
      if (tokens > limits.queryTokensMax) return syntaxError(source, token.start, `Document contains more that ${limits.queryTokensMax} tokens. Parsing aborted.`);
      if (closing.has(token.kind)) depth -= 1;
      else if (opening.has(token.kind) && ++depth > limits.queryNestingMax) tooDeepAt ??= token.start;
    }
  } catch {
    // A lexical error: the parser reports it, unless nesting stops it first (below).
  }
  if (tooDeepAt === undefined) return undefined;
  return syntaxError(source, tooDeepAt, `Document nests brackets deeper than ${limits.queryNestingMax} levels. Parsing aborted.`);
}

/** armor throws its refusal by default, which graphql's validate does not catch: report it instead. */
const reportRefusal = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    }));
  }],
};

/** The armor rules, for Apollo's `validationRules` and the WebSocket's validation alike. */
export const queryLimitRules: readonly ValidationRule[] = [
  maxDepthRule({ n: limits.queryDepthMax, ...reportRefusal }),
  costLimitRule({ maxCost: limits.queryCostMax, ...reportRefusal }),
  maxAliasesRule({ n: limits.queryAliasesMax, ...reportRefusal }),
  maxDirectivesRule({ n: limits.queryDirectivesMax, ...reportRefusal }),
] as ValidationRule[];

function withCode(error: unknown, code: string): GraphQLError {
  if (!(error instanceof GraphQLError)) return new GraphQLError(error instanceof Error ? error.message : String(error), { extensions: { code } });
  return new GraphQLError(error.message, {
    nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code },
  });
}

/**
 * Parses and validates a document as Apollo would, with the same limits: for graphql-ws, whose own
 * parse would throw (closing the socket) and whose own validation knows nothing of these limits.
 * With `introspection` off, introspection fields are refused as on HTTP.
 */
export function checkOperation(schema: GraphQLSchema, query: unknown, options: { introspection: boolean }): { document: DocumentNode } | { errors: GraphQLError[] } {
  let document: DocumentNode;
  try {
    if (typeof query !== 'string') throw new GraphQLError('the subscribe message has no query string');
    const refused = lexicalRefusal(query);
    if (refused) throw refused;
    document = parse(query, queryParseOptions);
  } catch (error) {
    return { errors: [withCode(error, 'GRAPHQL_PARSE_FAILED')] };
  }
  const rules = [...specifiedRules, ...queryLimitRules, ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const errors = validate(schema, document, rules);
  if (errors.length > 0) return { errors: errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) };
  return { document };
}
