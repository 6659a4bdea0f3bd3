import { idPrefixes, type IdType } from '../ids.js';
import { InputError } from '../errors.js';

export { idPrefixes, toGlobalId, type IdType } from '../ids.js';

/** Decodes a global id of the given type; throws BAD_USER_INPUT for anything else. */
export function fromGlobalId(type: IdType, globalId: string, field = 'id'): string {
  const prefix = `${idPrefixes[type]}_`;
  const raw = globalId.startsWith(prefix) ? globalId.slice(prefix.length) : '';
  if (!/^[1-9]\d{0,18}$/.test(raw) || BigInt(raw) > 2n ** 63n - 1n) {
    throw InputError.badInput(`"${globalId.slice(0, 40)}" is not a ${type} id (expected ${prefix}<number>)`, field);
  }
  return raw;
}

/** The type a global id names, or undefined. */
export function typeOfGlobalId(globalId: string): IdType | undefined {
  const prefix = globalId.split('_')[0];
  return (Object.keys(idPrefixes) as IdType[]).find((type) => idPrefixes[type] === prefix);
}
