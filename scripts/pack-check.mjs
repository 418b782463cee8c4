// Packaging check without the Electron binary: electron-builder --dir with a stub Electron dist,
// then assert what app.asar holds (and what it must never hold).
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listPackage } from '@electron/asar'
import fuses from '@electron/fuses'

const version = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version
const stub = join(tmpdir(), `dvw-electron-stub-${version}`)
mkdirSync(join(stub, 'resources'), { recursive: true })
// A real Electron binary carries a fuse wire after this sentinel; the stub carries Electron's
// defaults (RunAsNode on, cookie encryption off, …) so electron-builder's fuse step has work to do.
const { FuseV1Options, getCurrentFuseWire } = fuses
// @electron/fuses writes ASCII '1' for an enabled fuse and '0' for a disabled one.
const FuseState = { ENABLE: 49, DISABLE: 48 }
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const defaults = '10110001'
writeFileSync(
  join(stub, 'electron'),
  Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stub electron: packaging check only" >&2\nexit 1\n# '),
    Buffer.from(SENTINEL),
    Buffer.from([1, defaults.length]),
    Buffer.from(defaults),
    Buffer.from('\n'),
  ]),
)
chmodSync(join(stub, 'electron'), 0o755)
writeFileSync(join(stub, 'version'), `v${version}`)
for (const file of ['LICENSE', 'LICENSES.chromium.html']) writeFileSync(join(stub, file), '')

const output = 'release-check'
rmSync(output, { recursive: true, force: true })
try {
  // electron-builder is chatty (it lists every duplicated dependency); show its output only on failure.
  execFileSync(
    'npx',
    [
      'electron-builder',
      '--linux',
      '--dir',
      '--publish',
      'never',
      `-c.electronDist=${stub}`,
      `-c.directories.output=${output}`,
    ],
    {
      // On Windows `npx` is npx.cmd, which only a shell can start.
      shell: process.platform === 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    },
  )
} catch (error) {
  console.error(
    `pack-check FAILED: electron-builder exited with ${error.status}\n${error.stdout ?? ''}${error.stderr ?? ''}`,
  )
  process.exit(1)
}

const entries = listPackage(join(output, 'linux-unpacked/resources/app.asar'), {})
const failures = []
// electron-updater is imported by main at run time, so it must ship in app.asar.
for (const required of [
  '/package.json',
  '/out/main/index.js',
  '/out/preload/index.cjs',
  '/out/renderer/index.html',
  '/node_modules/electron-updater/package.json',
]) {
  if (!entries.includes(required)) failures.push(`missing: ${required}`)
}
const forbidden = [
  [/^\/tests\//, 'test files'],
  [/^\/emulator\//, 'emulator sources'],
  [/^\/(main|renderer|preload|common)\/.*\.tsx?$/, 'TypeScript sources'],
  [/^\/out\/cli\//, 'the CLI bundle'],
  [/^\/bench\//, 'benchmarks'],
  [/\.map$/, 'source maps'],
  [
    /^\/node_modules\/(selfsigned|vitest|@playwright|playwright|electron-builder|typescript)\//,
    'test or build tooling',
  ],
  [/\.(pem|pfx|key)$/, 'certificate or key files'],
]
for (const [pattern, label] of forbidden) {
  const hits = entries.filter((entry) => pattern.test(entry))
  if (hits.length) failures.push(`${label} in app.asar: ${hits.slice(0, 3).join(', ')}${hits.length > 3 ? ' …' : ''}`)
}
const wire = await getCurrentFuseWire(
  join(output, 'linux-unpacked', JSON.parse(readFileSync('package.json', 'utf8')).name),
)
const expectedFuses = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
}
for (const [name, enabled] of Object.entries(expectedFuses)) {
  const actual = wire[FuseV1Options[name]]
  const want = enabled ? FuseState.ENABLE : FuseState.DISABLE
  if (actual !== want)
    failures.push(
      `fuse ${name} is ${actual === FuseState.ENABLE ? 'on' : 'off'} in the packaged binary; it must be ${enabled ? 'on' : 'off'}`,
    )
}

if (failures.length) {
  console.error(`pack-check FAILED:\n- ${failures.join('\n- ')}`)
  process.exit(1)
}
console.log(
  `pack-check OK: app.asar has ${entries.length} entries, with main, preload and renderer, and no test, emulator or tooling files; fuses flipped as configured`,
)
