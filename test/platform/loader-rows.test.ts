import { describe, expect, it } from 'vitest';
import { groupsInKeyOrder, rowsById, rowsInKeyOrder } from '../../src/platform/graphql/loader-rows.js';

describe('rows for a DataLoader batch', () => {
  it('answers each key in the keys’ order, undefined where no row has it, whatever order the rows came in', () => {
    const rows = [{ id: '3', v: 'c' }, { id: '1', v: 'a' }];
    expect(rowsById(['1', '2', '3', '1'], rows)).toEqual([rows[1], undefined, rows[0], rows[1]]);
    expect(rowsInKeyOrder([20, 10], [{ k: 10 }, { k: 20 }], (row) => row.k)).toEqual([{ k: 20 }, { k: 10 }]);
  });

  it('groups the rows of each key in the rows’ order, an empty list for a key with none', () => {
    const rows = [{ e: 'a', n: 1 }, { e: 'b', n: 2 }, { e: 'a', n: 3 }];
    expect(groupsInKeyOrder(['b', 'x', 'a'], rows, (row) => row.e)).toEqual([[rows[1]], [], [rows[0], rows[2]]]);
  });
});
