import { GraphQLError, GraphQLScalarType } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

/** The one range of times Folio accepts, wherever a time enters: PostgreSQL's timestamptz takes more, JavaScript's Date less. */
export const timeMin = new Date('0001-01-01T00:00:00.000Z');
export const timeMax = new Date('9999-12-31T23:59:59.999Z');

function inRange(value: Date): Date {
  if (value.getTime() < timeMin.getTime() || value.getTime() > timeMax.getTime()) {
    throw new GraphQLError(`a time must be from ${timeMin.toISOString()} to ${timeMax.toISOString()}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/**
 * graphql-scalars' DateTimeISO, under its own name (clients see no change), refusing a time outside
 * [0001-01-01, 9999-12-31] UTC as BAD_USER_INPUT before it can reach PostgreSQL, where a year 0 or
 * below is an error (22008) that surfaced as INTERNAL_SERVER_ERROR.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: GraphQLDateTimeISO.name,
  description: `${GraphQLDateTimeISO.description} Folio accepts times from ${timeMin.toISOString()} to ${timeMax.toISOString()}.`,
  serialize: (value) => GraphQLDateTimeISO.serialize(value) as string,
  parseValue: (value) => inRange(GraphQLDateTimeISO.parseValue(value) as Date),
  parseLiteral: (ast, variables) => inRange(GraphQLDateTimeISO.parseLiteral(ast, variables) as Date),
  specifiedByURL: GraphQLDateTimeISO.specifiedByURL,
});
