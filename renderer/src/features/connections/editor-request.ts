/** What the rail asks the shell to open: a new connection's editor, or an existing one's. */
export type EditorRequest =
  { readonly mode: 'new' } | { readonly mode: 'edit'; readonly id: string; readonly name: string }
