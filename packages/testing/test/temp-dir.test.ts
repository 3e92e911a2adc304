import { stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../src/index.js'

describe('tempDir', () => {
  it('creates a distinct empty directory each time', async () => {
    const [a, b] = await Promise.all([tempDir(), tempDir()])
    try {
      expect(a.path).not.toBe(b.path)
      expect((await stat(a.path)).isDirectory()).toBe(true)
    } finally {
      await Promise.all([a.remove(), b.remove()])
    }
  })

  it('removes the directory with its contents', async () => {
    const dir = await tempDir()
    await writeFile(join(dir.path, 'file'), 'x')
    await dir.remove()
    await expect(stat(dir.path)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
