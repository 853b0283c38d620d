// The loader as npm users import it: no side effects at import, safe without `window`.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('importing sealcard on a server (no window) does not throw and does nothing', async () => {
  assert.equal(typeof globalThis.window, 'undefined');
  const before = Object.keys(globalThis).sort();
  const mod = await import('sealcard');
  assert.equal(typeof mod.loadSealCard, 'function');
  assert.deepEqual(Object.keys(globalThis).sort(), before, 'no globals added');
  await assert.rejects(mod.loadSealCard({ publicKey: 'pk_test_x' }), (e) => {
    assert.equal(/** @type {any} */ (e).type, 'configuration_error');
    return true;
  });
});
