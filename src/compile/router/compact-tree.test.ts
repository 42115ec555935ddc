import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compactTree, valuesAlong } from './compact-tree.js';
import { insertKey, newTree } from './prefix-tree.js';

describe('compact radix tree', () => {
  const root = newTree<string>();
  for (const key of ['/a', '/api', '/api/v1', '/b', '/api/v2', '', '/api']) insertKey(root, key, key || 'root');
  const tree = compactTree(root);

  it('finds the values of every key that prefixes a text, shortest first', () => {
    assert.deepEqual(valuesAlong(tree, '/api/v1/users'), [['root'], ['/a'], ['/api', '/api'], ['/api/v1']]);
    assert.deepEqual(valuesAlong(tree, '/apx'), [['root'], ['/a']]);
    assert.deepEqual(valuesAlong(tree, '/b'), [['root'], ['/b']]);
    assert.deepEqual(valuesAlong(tree, ''), [['root']]);
    assert.deepEqual(valuesAlong(tree, 'x'), [['root']]);
  });

  it('stops where a label only partly matches', () => {
    assert.deepEqual(valuesAlong(tree, '/api/v'), [['root'], ['/a'], ['/api', '/api']]);
  });

  it('handles an empty tree', () => {
    assert.deepEqual(valuesAlong(compactTree(newTree<string>()), '/x'), []);
  });
});
