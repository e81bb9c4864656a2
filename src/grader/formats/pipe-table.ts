/** Rows of cells as a Markdown pipe table: the first row its header, `width` columns wide. */
export function pipeTable(rows: string[][], width = rows[0]?.length ?? 0): string[] {
  const line = (r: string[]) => `| ${r.join(" | ")} |`;
  return rows.length
    ? [line(rows[0]!), `|${" --- |".repeat(width)}`, ...rows.slice(1).map(line)]
    : [];
}
