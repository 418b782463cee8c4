/** The preflight check, the error explainer, the token inspector and reports (issue 5). */
export const diagnosticsChannels = {}
export const diagnosticsEvents = {}
