import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./electron-mock'))

const electron = (await import('electron')) as unknown as typeof import('./electron-mock')
const { createSafeStorageVault } = await import('../../../../main/electron/vault')
const { createElectronStoreBackend } = await import('../../../../main/electron/store-backend')

const SECRET = 'Zx8Q~thisIsTheRealClientSecretValue.0123456789'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvw-vault-'))
  electron.safeStorage.available = true
  electron.safeStorage.backend = 'gnome_libsecret'
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const open = (platform: NodeJS.Platform = 'linux') =>
  createSafeStorageVault(electron.safeStorage, createElectronStoreBackend(dir, 'secrets'), platform)

function everyFileInDir(): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n')
}

describe('safeStorage vault', () => {
  it('keeps only ciphertext on disk, in its own electron-store file, and reads it back in a new session', async () => {
    const vault = open()
    expect(vault.persistent).toBe(true)
    await vault.set('c1:client-secret', SECRET)
    expect(readdirSync(dir)).toEqual(['secrets.json'])
    const onDisk = everyFileInDir()
    expect(onDisk).not.toContain(SECRET)
    expect(onDisk).not.toContain(Buffer.from(SECRET).toString('base64'))
    expect(JSON.parse(onDisk).entries['c1:client-secret']).toMatch(/^[A-Za-z0-9+/]+=*$/)
    expect(electron.safeStorage.encryptString).toHaveBeenCalledWith(SECRET)

    const later = open()
    expect(await later.has('c1:client-secret')).toBe(true)
    expect(await later.get('c1:client-secret')).toBe(SECRET)
    await later.delete('c1:client-secret')
    expect(await open().get('c1:client-secret')).toBeUndefined()
  })

  it('keeps secrets for this session only when the OS cannot encrypt, and writes nothing', async () => {
    electron.safeStorage.available = false
    const vault = open()
    expect(vault.persistent).toBe(false)
    await vault.set('c1:client-secret', SECRET)
    expect(await vault.get('c1:client-secret')).toBe(SECRET)
    expect(readdirSync(dir)).toEqual([])
    expect(await open().has('c1:client-secret')).toBe(false)
  })

  it("does not trust Linux's basic_text backend (a hard-coded key) as encryption", async () => {
    electron.safeStorage.backend = 'basic_text'
    expect(open('linux').persistent).toBe(false)
    expect(open('darwin').persistent).toBe(true)
  })

  it('refuses to read or write a damaged secrets file and keeps it', async () => {
    writeFileSync(join(dir, 'secrets.json'), '{"schemaVersion":1,"entries":{"c1:cli')
    const vault = open()
    await expect(vault.get('c1:client-secret')).rejects.toMatchObject({ code: 'STORE_CORRUPT' })
    await expect(vault.set('c2:client-secret', SECRET)).rejects.toMatchObject({ code: 'STORE_CORRUPT' })
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toBe('{"schemaVersion":1,"entries":{"c1:cli')
    expect(readdirSync(dir).some((name) => name.startsWith('secrets.json.corrupt-'))).toBe(true)
  })
})
