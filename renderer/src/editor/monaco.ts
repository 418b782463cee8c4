/**
 * Monaco, bundled (no CDN) and lean: the editor core and its standard features, plus only the
 * languages the app shows — OData (ours), FetchXML (XML), JSON results, and the snippet languages.
 * Workers are Vite `?worker` bundles, so they load from our own origin under the strict CSP.
 */
import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/register.all'
// register.all brings viewport semantic tokens only; the OData colouring is a whole-document provider.
import 'monaco-editor/editor/contrib/semanticTokens/browser/documentSemanticTokens'
import 'monaco-editor/languages/definitions/xml/register'
import 'monaco-editor/languages/definitions/shell/register'
import 'monaco-editor/languages/definitions/powershell/register'
import 'monaco-editor/languages/definitions/csharp/register'
import 'monaco-editor/languages/definitions/javascript/register'
import 'monaco-editor/languages/definitions/python/register'
import 'monaco-editor/languages/features/json/register'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import JsonWorker from 'monaco-editor/language/json/json.worker?worker'
import { loader } from '@monaco-editor/react'

self.MonacoEnvironment = {
  getWorker: (_moduleId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
}

loader.config({ monaco })

export { monaco }
