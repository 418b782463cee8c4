/** A finished check as lines of text (`dvw check`): each step's mark, outcome line and duration. */
export { duration, outcomeLine, STATUS_MARK } from '../diagnostics/report/text'
