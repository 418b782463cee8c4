/** Files the front doors write for the user (reports, exports, request lists): created or narrowed to 0600. */
export { writePrivateFile } from '../store/private-file'
