import { InputError } from '../errors.js';
import { prefixOf, typeOfIdPrefix, type IdType } from '../ids.js';

export { toGlobalId, type IdType } from '../ids.js';

/** Decodes a global id of the given type; throws BAD_USER_INPUT for anything else. */
export function fromGlobalId(type: IdType, globalId: string, field = 'id'): string {
  const prefix = `${prefixOf(type)}_`;
  const raw = globalId.startsWith(prefix) ? globalId.slice(prefix.length) : '';
  if (!/^[1-9]\d{0,18}$/.test(raw) || BigInt(raw) > 2n ** 63n - 1n) {
    throw InputError.badInput(`"${globalId.slice(0, 40)}" is not a ${type} id (expected ${prefix}<number>)`, field);
  }
  return raw;
}

/** The type a global id names, or undefined. */
export function typeOfGlobalId(globalId: string): IdType | undefined {
  return typeOfIdPrefix(globalId.split('_')[0]);
}
