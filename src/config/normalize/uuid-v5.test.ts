import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityUuid } from './uuid-v5.js';

test('derives the ids Kong derives (kong-format.md §1.6)', () => {
  assert.equal(entityUuid('routes', 'my-route'), '481a9539-f49c-51b6-b2e2-fe99ee68866c');
  assert.equal(entityUuid('services', 'my-service'), '0855b320-0dd2-547d-891d-601e9b38647f');
  assert.equal(entityUuid('consumers', 'my-user'), '4b1b701d-de2b-5588-9aa2-3b97061d9f52');
  assert.equal(entityUuid('routes', 'httproute.default.httproute-testing.0.0'), '073fc413-1c03-50b4-8f44-43367c13daba');
  assert.equal(
    entityUuid('targets', 'targets:*:e9792964-6797-482c-bfdf-08220a4f6832:10.244.0.11:80'),
    '715f9482-4236-5fe5-9ae5-e75c1a498940',
  );
});
