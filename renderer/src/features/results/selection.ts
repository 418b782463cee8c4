/** Rectangular cell selection in the grid, as spreadsheet users expect. */
import { displayText, type ResultData } from './result-data'
import { toTsv } from './tsv'

export interface CellPosition {
  /** Position in the displayed (possibly sorted) order, not the row's index in the data. */
  readonly row: number
  readonly column: number
}

export interface GridSelection {
  readonly anchor: CellPosition
  readonly focus: CellPosition
}

export interface SelectionBounds {
  readonly top: number
  readonly bottom: number
  readonly left: number
  readonly right: number
}

export function bounds(selection: GridSelection): SelectionBounds {
  return {
    top: Math.min(selection.anchor.row, selection.focus.row),
    bottom: Math.max(selection.anchor.row, selection.focus.row),
    left: Math.min(selection.anchor.column, selection.focus.column),
    right: Math.max(selection.anchor.column, selection.focus.column),
  }
}

export function contains(b: SelectionBounds, row: number, column: number): boolean {
  return row >= b.top && row <= b.bottom && column >= b.left && column <= b.right
}

/**
 * The selected rectangle as TSV with the column names as its first line, exactly as displayed:
 * in presentation mode `mask` is the grid's cell mask, so a paste into a shared document leaks nothing either.
 */
export function selectionTsv(
  data: ResultData,
  order: Uint32Array | null,
  selection: GridSelection,
  mask: ((columnName: string, text: string) => string) | null,
): string {
  const b = bounds(selection)
  const columns: number[] = []
  for (let c = b.left; c <= b.right && c < data.columns.length; c++) columns.push(c)
  const headers = columns.map((c) => data.columns[c]?.name ?? '')
  const rows: string[][] = []
  for (let r = b.top; r <= b.bottom && r < data.rows.length; r++) {
    const index = order ? (order[r] ?? r) : r
    rows.push(
      columns.map((c) => {
        const text = displayText(data, index, c)
        return mask ? mask(data.columns[c]?.name ?? '', text) : text
      }),
    )
  }
  return toTsv(headers, rows)
}
