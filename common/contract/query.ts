/** The query workbench: metadata, execution, paging, export, history (issue 6). */
export const queryChannels = {}
export const queryEvents = {}
