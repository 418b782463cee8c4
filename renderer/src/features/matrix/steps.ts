/** The matrix's columns and their titles: the one import to change when the step metadata moves. */
export { MATRIX_STEP_IDS } from '@common/check-matrix'
export { CHECK_STEPS as MATRIX_STEP_LABELS } from '@common/check-steps'
