// Lint: code quality plus the architecture's import rules (DESIGN.md "Folders").
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'tls',
  'crypto',
  'dns',
]

/** Folders a layer may not import: each pattern is a list of folder names, matched as path segments. */
function forbid(...groups) {
  return groups.map((group) => {
    const names = group.pattern.match(/\{([^}]*)\}/)[1].replaceAll(',', '|')
    // '../{a,b}/**' means a sibling folder of this layer; '**/{a,b}/**' means that folder anywhere.
    const regex = group.pattern.startsWith('../') ? `^(\\.\\./)+(${names})(/|$)` : `(^|/)(${names})(/|$)`
    return { regex, message: group.message }
  })
}

const electronOnlyInElectronFolder = {
  name: 'electron',
  message: 'Only main/electron/** and main/index.ts may import electron: elsewhere it starts a binary download.',
}

const rule = (...patterns) => ['error', { paths: [], patterns }]

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'release/**',
      'release-check/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.{js,mjs}', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$)(?!\\.)', message: 'common/ may import zod only.' },
            ...forbid({
              pattern: '**/{main,renderer,preload,emulator,tests,bench}/**',
              message: 'common/ imports nothing app-local.',
            }),
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**', 'main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInElectronFolder],
          patterns: forbid({
            pattern: '**/{renderer,preload,tests,bench}/**',
            message: 'main/ does not import the renderer, preload, tests or benchmarks.',
          }),
        },
      ],
    },
  },
  {
    files: ['main/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInElectronFolder],
          patterns: forbid(
            {
              pattern: '../{auth,connections,dataverse,diagnostics,workspace,store,app,ipc,cli,platform,electron}/**',
              message: 'main/http may import common only.',
            },
            { pattern: '**/{renderer,preload,emulator,tests}/**', message: 'main/http may import common only.' },
          ),
        },
      ],
    },
  },
  {
    files: ['main/auth/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInElectronFolder],
          patterns: forbid(
            {
              pattern: '../{connections,dataverse,diagnostics,workspace,store,app,ipc,cli,platform,electron}/**',
              message: 'main/auth may import http and common only.',
            },
            {
              pattern: '**/{renderer,preload,emulator,tests}/**',
              message: 'main/auth may import http and common only.',
            },
          ),
        },
      ],
    },
  },
  {
    files: ['main/connections/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInElectronFolder],
          patterns: forbid(
            {
              pattern: '../{dataverse,diagnostics,app,ipc,cli,platform,electron}/**',
              message: 'main/connections may import common, http, auth and store only.',
            },
            {
              pattern: '**/{renderer,preload,emulator,tests}/**',
              message: 'main/connections may import common, http and auth only.',
            },
          ),
        },
      ],
    },
  },
  {
    files: ['main/dataverse/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInElectronFolder],
          patterns: forbid(
            {
              pattern: '../{connections,diagnostics,app,ipc,cli,platform,electron}/**',
              message: 'main/dataverse may import http, auth and common only.',
            },
            {
              pattern: '**/{renderer,preload,emulator,tests}/**',
              message: 'main/dataverse may import http, auth and common only.',
            },
          ),
        },
      ],
    },
  },
  {
    files: ['main/diagnostics/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInElectronFolder],
          patterns: forbid(
            {
              pattern: '../{app,ipc,cli,platform,electron}/**',
              message:
                'main/diagnostics may import the services below it and common, never the use cases or front doors.',
            },
            {
              pattern: '**/{renderer,preload,tests}/**',
              message: 'main/diagnostics may import the services below it and common.',
            },
          ),
        },
      ],
    },
  },
  {
    files: ['main/workspace/**/*.ts', 'main/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInElectronFolder],
          patterns: forbid(
            {
              pattern: '../{connections,dataverse,diagnostics,app,ipc,cli,platform,electron}/**',
              message:
                'main/workspace and main/store are domain floors: they never import the use cases (app/) or a front door (ipc/, cli/).',
            },
            {
              pattern: '**/{renderer,preload,emulator,tests}/**',
              message: 'main/workspace and main/store import common only.',
            },
          ),
        },
      ],
    },
  },
  {
    files: ['main/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInElectronFolder],
          patterns: forbid(
            {
              pattern: '../{ipc,cli,electron}/**',
              message:
                'main/app holds the use cases: the front doors (ipc/, cli/, electron/) stand on it, never the other way round.',
            },
            {
              pattern: '**/{renderer,preload,tests,bench}/**',
              message: 'main/app does not import the renderer, preload, tests or benchmarks.',
            },
          ),
        },
      ],
    },
  },
  {
    files: ['main/ipc/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInElectronFolder],
          patterns: forbid(
            {
              pattern: '../{cli,electron}/**',
              message: 'main/ipc is one front door: it stands on app/ and common/, never on the CLI or Electron.',
            },
            {
              pattern: '../{auth,connections,dataverse,diagnostics,workspace,store,http}/**',
              message:
                'main/ipc stands on app/ and common/ only: reach a domain folder through a use case or facade in main/app/.',
            },
            {
              pattern: '**/{renderer,preload,emulator,tests,bench}/**',
              message: 'main/ipc stands on app/ and common/.',
            },
          ),
        },
      ],
    },
  },
  {
    files: ['main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInElectronFolder],
          patterns: forbid(
            {
              pattern: '../{ipc,electron}/**',
              message:
                'main/cli is the other front door: it stands on app/ and common/, never on the IPC table or Electron.',
            },
            {
              pattern: '../{auth,connections,dataverse,diagnostics,workspace,store,http}/**',
              message:
                'main/cli stands on app/ and common/ only (plus its own io): reach a domain folder through a use case or facade in main/app/.',
            },
            {
              pattern: '**/{renderer,preload,tests,bench}/**',
              message: 'main/cli does not import the renderer, preload, tests or benchmarks.',
            },
          ),
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts', 'main/index.ts'],
    rules: {
      'no-restricted-imports': rule(
        ...forbid({
          pattern: '**/{renderer,preload,tests,bench}/**',
          message: 'main/electron does not import the renderer, preload, tests or benchmarks.',
        }),
      ),
    },
  },
  {
    files: ['emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The emulator runs without Electron.' }],
          patterns: forbid({
            pattern: '**/{main,renderer,preload,tests,bench}/**',
            message: 'emulator/ may import common only.',
          }),
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': rule(
        ...forbid({
          pattern: '**/{main,renderer,emulator,tests}/**',
          message: 'preload/ is built from the contract in common/ only.',
        }),
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer has no Electron access; call main through src/bridge.ts.' },
          ],
          patterns: [
            ...forbid({
              pattern: '**/{main,preload,emulator,tests,bench}/**',
              message: 'The renderer imports nothing from main/, preload/ or emulator/: use src/bridge.ts.',
            }),
            { group: NODE_BUILTINS, message: 'The renderer is sandboxed: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    // Hooks called in order and effects that list what they read: a missed dependency is a stale-state bug.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/bridge.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'dataverse', message: 'Only renderer/src/bridge.ts reads window.dataverse.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'dataverse', message: 'Only renderer/src/bridge.ts reads window.dataverse.' },
      ],
    },
  },
)
