/**
 * The paste box's use case, for both front doors: text a user pasted → ranked diagnoses. This is
 * the one place explain() is reached from; failures the app saw itself are diagnosed from their
 * facts (diagnostics/failure-facts.ts).
 */
export { explain as explainPasted } from '../diagnostics/explain'
