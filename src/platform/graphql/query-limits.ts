import {
  GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate,
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
 * - tokens: graphql's own parser stops at `queryTokensMax` (parse option maxTokens), before building
 *   a tree, so a huge document costs little. Refused as GRAPHQL_PARSE_FAILED.
 * - depth, cost, aliases, directives: graphql-armor validation rules. Refused as
 *   GRAPHQL_VALIDATION_FAILED, with a message naming the limit and what was found.
 * The codes are GraphQL's usual request-error codes (HTTP 400), not new ones: like a typo in a
 * field name, an over-limit document is the client's to fix and nothing of it has run.
 * armor ignores `__schema` introspection when measuring, since GraphiQL's introspection query is
 * deep by nature; graphql's MaxIntrospectionDepthRule (in specifiedRules) bounds introspection instead.
 */
export const queryParseOptions: ParseOptions = { maxTokens: limits.queryTokensMax };

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
    document = parse(query, queryParseOptions);
  } catch (error) {
    return { errors: [withCode(error, 'GRAPHQL_PARSE_FAILED')] };
  }
  const rules = [...specifiedRules, ...queryLimitRules, ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const errors = validate(schema, document, rules);
  if (errors.length > 0) return { errors: errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) };
  return { document };
}
