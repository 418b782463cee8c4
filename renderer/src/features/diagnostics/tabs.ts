import type { WorkspaceTab } from '../shell/use-tabs'

/** The diagnostics tools that open as workspace tabs (one instance each). */
export const EXPLAIN_TAB: WorkspaceTab = { id: 'explain', kind: 'explain', title: 'Explain an error', closable: true }
export const TOKEN_TAB: WorkspaceTab = { id: 'token', kind: 'token', title: 'Token inspector', closable: true }
export const REQUESTS_TAB: WorkspaceTab = { id: 'requests', kind: 'requests', title: 'Requests', closable: true }

export type DiagnosticsTool = 'explain' | 'token' | 'requests'

export const TOOL_TABS: Record<DiagnosticsTool, WorkspaceTab> = { explain: EXPLAIN_TAB, token: TOKEN_TAB, requests: REQUESTS_TAB }
