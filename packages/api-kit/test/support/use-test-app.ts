import { afterAll, beforeAll } from 'vitest'
import type { BackendFixture, OpenBackend } from './backends.js'
import { buildTestApp, type TestApp } from './build-app.js'

/** The test server and its store for one describe block; filled in by beforeAll, closed by afterAll. */
export interface TestAppContext {
  t: TestApp
  store: OpenBackend
}

/** Registers the hooks that open the backend and build the test server (nothing when the backend is skipped). */
export function useTestApp(fixture: BackendFixture, prepare?: (t: TestApp) => void): TestAppContext {
  const ctx = {} as TestAppContext
  beforeAll(async () => {
    if (fixture.skip) return
    ctx.store = await fixture.open()
    ctx.t = await buildTestApp(ctx.store.backend)
    prepare?.(ctx.t)
  })
  afterAll(async () => {
    if (fixture.skip) return
    await ctx.t.app.close()
    await ctx.store.close()
  })
  return ctx
}
