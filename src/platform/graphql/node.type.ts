import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Relay's Node: every object with a global id, so a client can refetch any of them by id alone.
 * Each object type's class names its GraphQL type, which resolves the interface.
 */
@InterfaceType({
  description: 'An object with a stable global id (e.g. "acc_42", "ent_1001"); refetch any of them with `node(id:)`.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { description: 'Global id: a type prefix and the row id.' })
  id!: string;
}
