import { escapeTerminal } from './terminal-text.js';

/**
 * Plain-text tables for the terminal: columns padded to their widest cell, long cells cut with
 * "…", line breaks flattened, control characters shown escaped (`\x1b[31m`) and counted as what
 * is shown. Generic: commands pass headers and string cells.
 *
 * @example
 * ```ts
 * formatTable(['id', 'name'], [['1', 'Hummingbird printed t-shirt']]);
 * // id  name
 * // 1   Hummingbird printed t-shirt
 * ```
 */
export interface TableOptions {
  /** Cells longer than this are cut (default 40). */
  readonly maxCellWidth?: number;
  /** Columns whose cells are right-aligned (numbers), by index. */
  readonly alignRight?: readonly number[];
}

export function formatTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  options: TableOptions = {},
): string {
  const maxWidth = options.maxCellWidth ?? 40;
  const right = new Set(options.alignRight ?? []);
  const cells = [headers, ...rows].map((row) =>
    headers.map((_, column) => fitCell(row[column] ?? '', maxWidth)),
  );
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => width(row[column] ?? ''))));
  return cells
    .map((row) =>
      row
        .map((cell, column) => {
          const padding = ' '.repeat((widths[column] ?? 0) - width(cell));
          return right.has(column) ? padding + cell : cell + padding;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

/** Two columns, names then values: for one record. */
export function formatKeyValues(
  pairs: ReadonlyArray<readonly [string, string]>,
  options: TableOptions = {},
): string {
  const maxWidth = options.maxCellWidth ?? 100;
  const nameWidth = Math.max(0, ...pairs.map(([name]) => width(name)));
  return pairs
    .map(([name, value]) =>
      `${name}${' '.repeat(nameWidth - width(name))}  ${fitCell(value, maxWidth)}`.trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

function fitCell(text: string, maxWidth: number): string {
  const flat = escapeTerminal(text.replace(/\s+/g, ' ').trim());
  const characters = [...flat];
  return characters.length > maxWidth ? `${characters.slice(0, maxWidth - 1).join('')}…` : flat;
}

function width(text: string): number {
  return [...text].length;
}
