import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configVariables } from '../../../scripts/config-table.js'

describe('the README configuration table', () => {
  it('lists every variable the services read, with its default', async () => {
    const readme = await readFile(join(import.meta.dirname, '../../../README.md'), 'utf8')
    const missing = configVariables().filter((v) => !readme.includes(`| \`${v.name}\` |`))
    expect(missing.map((v) => v.name)).toEqual([])
  })
})
