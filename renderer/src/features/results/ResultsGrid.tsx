/** The virtual grid for large results: sorting, resizing, selection and copy without rendering every row. */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components'
import { ArrowSortDown16Regular, ArrowSortUp16Regular } from '@fluentui/react-icons'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { usePresentation } from '../presentation/use-presentation'
import { displayText, sortOrder, type ResultData, type SortDirection } from './result-data'
import { bounds, contains, selectionTsv, type CellPosition, type GridSelection } from './selection'

const ROW_NUMBER_WIDTH = 56

const useStyles = makeStyles({
  scroller: {
    position: 'relative',
    overflow: 'auto',
    height: '100%',
    outline: 'none',
    fontFamily: tokens.fontFamilyBase,
    fontSize: 'var(--dvw-grid-font-size, 13px)',
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  headerCell: {
    position: 'absolute',
    top: 0,
    display: 'flex',
    alignItems: 'center',
    gap: '4px',
    boxSizing: 'border-box',
    paddingInline: '8px',
    fontWeight: tokens.fontWeightSemibold,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    cursor: 'pointer',
    userSelect: 'none',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    ':hover': { backgroundColor: tokens.colorNeutralBackground3Hover },
  },
  headerText: { overflow: 'hidden', textOverflow: 'ellipsis' },
  resizer: {
    position: 'absolute',
    right: 0,
    top: 0,
    bottom: 0,
    width: '6px',
    cursor: 'col-resize',
    ':hover': { backgroundColor: tokens.colorBrandStroke1 },
  },
  row: { position: 'absolute', left: 0 },
  cell: {
    position: 'absolute',
    top: 0,
    boxSizing: 'border-box',
    paddingInline: '8px',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: 'cell',
  },
  rowNumber: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    boxSizing: 'border-box',
    paddingInline: '6px',
    textAlign: 'right',
    color: tokens.colorNeutralForeground3,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: 'pointer',
    userSelect: 'none',
  },
  corner: { position: 'sticky', left: 0, zIndex: 3, backgroundColor: tokens.colorNeutralBackground3 },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  focused: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  empty: { color: tokens.colorNeutralForeground4 },
  lookup: { color: tokens.colorBrandForegroundLink },
})

function initialWidths(data: ResultData): number[] {
  return data.columns.map((column, c) => {
    let longest = column.name.length
    for (let r = 0; r < Math.min(data.rows.length, 50); r++) longest = Math.max(longest, displayText(data, r, c).length)
    return Math.min(360, Math.max(80, longest * 7.5 + 28))
  })
}

export interface ResultsGridProps {
  readonly data: ResultData
  /** Bumped when rows were appended in place (fetch all), so memoised views refresh. */
  readonly version: number
  /** Gives the parent a way to copy the current selection (toolbar "Copy" menu). */
  readonly onSelectionCopier?: (copier: (what: 'selection' | 'row' | 'cell' | 'all') => string) => void
}

/**
 * The virtualised results grid: only the rows and columns in view are in the DOM, so 50,000 rows
 * render as fast as 50. Columns follow the result's order ($select first); click a header to sort,
 * drag its edge to resize; select cells with click / shift+click / arrows, whole rows from the row
 * numbers; Ctrl+C copies the selection as TSV with headers.
 */
export function ResultsGrid({ data, version, onSelectionCopier }: ResultsGridProps) {
  const styles = useStyles()
  const presentation = usePresentation()
  const scroller = useRef<HTMLDivElement>(null)
  const rowHeight = presentation.on ? 34 : 26
  const headerHeight = rowHeight + 4
  const columnCount = data.columns.length

  const [widths, setWidths] = useState<number[]>(() => initialWidths(data))
  const [sort, setSort] = useState<{ column: number; direction: SortDirection } | null>(null)
  const [selection, setSelection] = useState<GridSelection | null>(null)

  useEffect(() => {
    // New columns (a later page, or a new result) get a measured width; resized ones keep theirs.
    setWidths((current) =>
      current.length === columnCount ? current : [...current, ...initialWidths(data).slice(current.length)],
    )
  }, [columnCount, data])

  const order = useMemo(
    () => (sort ? sortOrder(data, sort.column, sort.direction) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` changes when pages are appended to the same arrays.
    [data, version, sort],
  )

  const rows = useVirtualizer({
    count: data.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  })
  const columns = useVirtualizer({
    horizontal: true,
    count: columnCount,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => widths[index] ?? 120,
    overscan: 4,
  })
  useEffect(() => {
    rows.measure()
  }, [rowHeight, rows])
  useEffect(() => {
    columns.measure()
  }, [widths, columns])

  const rowIndex = useCallback((position: number) => (order ? (order[position] ?? position) : position), [order])

  const copier = useCallback(
    (what: 'selection' | 'row' | 'cell' | 'all') => {
      const lastRow = data.rows.length - 1
      const lastColumn = columnCount - 1
      const focus = selection?.focus ?? { row: 0, column: 0 }
      const range: GridSelection =
        what === 'all' || !selection
          ? { anchor: { row: 0, column: 0 }, focus: { row: lastRow, column: lastColumn } }
          : what === 'row'
            ? { anchor: { row: focus.row, column: 0 }, focus: { row: focus.row, column: lastColumn } }
            : what === 'cell'
              ? { anchor: focus, focus }
              : selection
      return selectionTsv(data, order, range, presentation.on ? presentation.cell : null)
    },
    [data, order, selection, columnCount, presentation],
  )
  useEffect(() => onSelectionCopier?.(copier), [copier, onSelectionCopier])

  const moveTo = (position: CellPosition, extend: boolean) => {
    const clamped = {
      row: Math.max(0, Math.min(data.rows.length - 1, position.row)),
      column: Math.max(0, Math.min(columnCount - 1, position.column)),
    }
    setSelection((current) => ({ anchor: extend && current ? current.anchor : clamped, focus: clamped }))
    rows.scrollToIndex(clamped.row)
    columns.scrollToIndex(clamped.column)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (data.rows.length === 0 || columnCount === 0) return
    const focus = selection?.focus ?? { row: 0, column: 0 }
    const step: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      PageUp: [-20, 0],
      PageDown: [20, 0],
    }
    const move = step[event.key]
    if (move) {
      event.preventDefault()
      moveTo({ row: focus.row + move[0], column: focus.column + move[1] }, event.shiftKey)
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault()
      setSelection({ anchor: { row: 0, column: 0 }, focus: { row: data.rows.length - 1, column: columnCount - 1 } })
    }
  }

  const onCellMouseDown = (event: MouseEvent, position: CellPosition) => {
    if (event.button !== 0) return
    setSelection((current) => ({ anchor: event.shiftKey && current ? current.anchor : position, focus: position }))
  }

  const onRowNumberMouseDown = (event: MouseEvent, row: number) => {
    if (event.button !== 0) return
    setSelection((current) => ({
      anchor: { row: event.shiftKey && current ? current.anchor.row : row, column: 0 },
      focus: { row, column: columnCount - 1 },
    }))
  }

  const startResize = (event: MouseEvent, column: number) => {
    event.preventDefault()
    event.stopPropagation()
    const startX = event.clientX
    const startWidth = widths[column] ?? 120
    const onMove = (move: globalThis.MouseEvent) => {
      const width = Math.max(48, startWidth + move.clientX - startX)
      setWidths((current) => current.map((value, index) => (index === column ? width : value)))
    }
    const onUp = () => {
      window.removeEventListener('mousemove', onMove)
      window.removeEventListener('mouseup', onUp)
    }
    window.addEventListener('mousemove', onMove)
    window.addEventListener('mouseup', onUp)
  }

  const toggleSort = (column: number) => {
    setSort((current) =>
      current?.column !== column
        ? { column, direction: 'ascending' }
        : current.direction === 'ascending'
          ? { column, direction: 'descending' }
          : null,
    )
  }

  const selected = selection ? bounds(selection) : null
  const totalWidth = ROW_NUMBER_WIDTH + columns.getTotalSize()
  const virtualColumns = columns.getVirtualItems()

  return (
    <div
      ref={scroller}
      className={styles.scroller}
      role="grid"
      aria-label="Query results"
      aria-rowcount={data.rows.length + 1}
      aria-colcount={columnCount}
      aria-multiselectable
      tabIndex={0}
      data-testid="results-grid"
      data-rows={data.rows.length}
      onKeyDown={onKeyDown}
      onCopy={(event) => {
        event.clipboardData.setData('text/plain', copier('selection'))
        event.preventDefault()
      }}
    >
      <div style={{ width: totalWidth, height: headerHeight + rows.getTotalSize(), position: 'relative' }}>
        <div className={styles.header} role="row" aria-rowindex={1} style={{ width: totalWidth, height: headerHeight }}>
          <div
            className={mergeClasses(styles.rowNumber, styles.corner)}
            style={{ width: ROW_NUMBER_WIDTH, height: headerHeight }}
          />
          {virtualColumns.map((column) => {
            const info = data.columns[column.index]
            const sorted = sort?.column === column.index ? sort.direction : undefined
            return (
              <div
                key={column.key}
                role="columnheader"
                aria-colindex={column.index + 1}
                aria-sort={sorted ?? 'none'}
                className={styles.headerCell}
                style={{ left: ROW_NUMBER_WIDTH + column.start, width: column.size, height: headerHeight }}
                title={info?.lookupTable ? `${info.name} → ${info.lookupTable}` : info?.name}
                onClick={() => toggleSort(column.index)}
                data-testid="results-header"
              >
                <span className={styles.headerText}>{info?.name}</span>
                {sorted === 'ascending' && <ArrowSortUp16Regular aria-hidden />}
                {sorted === 'descending' && <ArrowSortDown16Regular aria-hidden />}
                <span
                  className={styles.resizer}
                  role="separator"
                  aria-orientation="vertical"
                  aria-label={`Resize ${info?.name ?? 'column'}`}
                  onMouseDown={(event) => startResize(event, column.index)}
                  onClick={(event) => event.stopPropagation()}
                />
              </div>
            )
          })}
        </div>
        {rows.getVirtualItems().map((row) => {
          const index = rowIndex(row.index)
          return (
            <div
              key={row.key}
              role="row"
              aria-rowindex={row.index + 2}
              className={styles.row}
              style={{ top: headerHeight + row.start, height: row.size, width: totalWidth }}
            >
              <div
                className={styles.rowNumber}
                style={{ width: ROW_NUMBER_WIDTH, height: row.size, lineHeight: `${row.size}px` }}
                onMouseDown={(event) => onRowNumberMouseDown(event, row.index)}
                role="rowheader"
              >
                {index + 1}
              </div>
              {virtualColumns.map((column) => {
                const info = data.columns[column.index]
                const text = displayText(data, index, column.index)
                const shown = presentation.cell(info?.name ?? '', text)
                const raw = data.rows[index]?.[column.index] ?? null
                const isSelected = selected !== null && contains(selected, row.index, column.index)
                const isFocused = selection?.focus.row === row.index && selection.focus.column === column.index
                return (
                  <div
                    key={column.key}
                    role="gridcell"
                    aria-colindex={column.index + 1}
                    aria-selected={isSelected}
                    className={mergeClasses(
                      styles.cell,
                      raw === null && styles.empty,
                      info?.lookupTable !== undefined && data.formatted[column.index]?.[index] != null && styles.lookup,
                      isSelected && styles.selected,
                      isFocused && styles.focused,
                    )}
                    style={{
                      left: ROW_NUMBER_WIDTH + column.start,
                      width: column.size,
                      height: row.size,
                      lineHeight: `${row.size}px`,
                    }}
                    title={
                      raw !== null && String(raw) !== text
                        ? presentation.cell(info?.name ?? '', String(raw))
                        : undefined
                    }
                    onMouseDown={(event) => onCellMouseDown(event, { row: row.index, column: column.index })}
                  >
                    {raw === null && text === '' ? '' : shown}
                  </div>
                )
              })}
            </div>
          )
        })}
      </div>
    </div>
  )
}
