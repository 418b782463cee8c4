import { csharpSnippet } from './csharp'
import { curlSnippet } from './curl'
import { javascriptSnippet } from './javascript'
import { powershellSnippet } from './powershell'
import { pythonSnippet } from './python'
import {
  resolveSnippet,
  type ResolvedSnippet,
  type SnippetLanguage,
  type SnippetRequest,
  type SnippetTarget,
} from './target'

export { SNIPPET_ENV, SNIPPET_LANGUAGES } from './target'
export type { SnippetLanguage, SnippetRequest, SnippetTarget } from './target'

const GENERATORS: Record<SnippetLanguage, (snippet: ResolvedSnippet) => string> = {
  curl: curlSnippet,
  powershell: powershellSnippet,
  csharp: csharpSnippet,
  javascript: javascriptSnippet,
  python: pythonSnippet,
}

export const SNIPPET_LABELS: Record<SnippetLanguage, string> = {
  curl: 'curl (bash)',
  powershell: 'PowerShell',
  csharp: 'C# (HttpClient + MSAL.NET)',
  javascript: 'JavaScript (msal-node + fetch)',
  python: 'Python (msal + requests)',
}

/**
 * Copy-as-code: a runnable script for the current query, including the client-credentials token
 * step for the connection's cloud and tenant. The credential is read from an environment variable
 * (SNIPPET_ENV); the target type has no field that could carry its value.
 */
export function generateSnippet(language: SnippetLanguage, target: SnippetTarget, request: SnippetRequest): string {
  return GENERATORS[language](resolveSnippet(target, request))
}
