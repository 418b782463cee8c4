import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writePrivateFile } from '../../../../main/store/private-file'

describe('private files', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvw-private-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  // POSIX modes only: Windows keeps file access in ACLs, which chmod does not change.
  it.skipIf(process.platform === 'win32')(
    'L10 narrows a file the user chose to overwrite to owner-only, as well as a new one',
    async () => {
      // skipped on Windows: it keeps access in ACLs, not POSIX mode bits
      const fresh = join(dir, 'new.json')
      await writePrivateFile(fresh, '{}')
      expect((await stat(fresh)).mode & 0o777).toBe(0o600)

      const existing = join(dir, 'existing.json')
      await writeFile(existing, 'old')
      await chmod(existing, 0o644)
      await writePrivateFile(existing, 'new')
      expect((await stat(existing)).mode & 0o777).toBe(0o600)
      expect(await readFile(existing, 'utf8')).toBe('new')
    },
  )
})
