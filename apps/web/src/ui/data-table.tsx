import { Checkbox } from "@mantine/core";
import type { ReactNode } from "react";
import { useNavigate } from "react-router";
import "./data-table.css";

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  align?: "right";
  /** Hidden on narrower screens: from Mantine's sm (48em), md (62em) or lg (75em) up. */
  from?: "sm" | "md" | "lg";
}

/** Row selection for bulk actions: a checkbox column, with select-all over the rows shown. */
export interface Selection {
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  /** What a row is called in checkbox labels, e.g. a person's name. */
  rowLabel?: (key: string) => string;
}

/**
 * Long lists (contacts, accounts): plain table elements styled like Mantine's Table, so 50–500 rows
 * render fast. A row opens on click; its first cell should hold a link for keyboard users.
 */
export function DataTable<T>({
  label,
  rows,
  columns,
  rowKey,
  rowHref,
  dimmed,
  selection,
}: {
  label: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowHref: (row: T) => string;
  dimmed?: boolean;
  selection?: Selection;
}) {
  const navigate = useNavigate();
  const keys = selection ? rows.map(rowKey) : [];
  const chosen = selection ? keys.filter((k) => selection.selected.has(k)).length : 0;
  const toggle = (key: string, on: boolean) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (on) next.add(key);
    else next.delete(key);
    selection.onChange(next);
  };
  const toggleAll = (on: boolean) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    for (const k of keys) {
      if (on) next.add(k);
      else next.delete(k);
    }
    selection.onChange(next);
  };
  return (
    <div className="dt-wrap">
      <table className="dt" aria-label={label} data-dimmed={dimmed || undefined}>
        <thead>
          <tr>
            {selection ? (
              <th scope="col" className="dt-select">
                <Checkbox
                  aria-label={`Select all ${rows.length} shown`}
                  checked={rows.length > 0 && chosen === rows.length}
                  indeterminate={chosen > 0 && chosen < rows.length}
                  onChange={(e) => toggleAll(e.currentTarget.checked)}
                />
              </th>
            ) : null}
            {columns.map((c) => (
              <th key={c.header} scope="col" data-align={c.align} data-from={c.from}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = rowKey(row);
            return (
              <tr
                key={key}
                data-selected={selection?.selected.has(key) || undefined}
                onClick={(event) => {
                  // Let links, checkboxes and selected text behave as usual.
                  const target = event.target as HTMLElement;
                  if (target.closest("a, input, .dt-select") || window.getSelection()?.toString()) return;
                  navigate(rowHref(row));
                }}
              >
                {selection ? (
                  <td className="dt-select">
                    <Checkbox
                      aria-label={`Select ${selection.rowLabel?.(key) ?? "row"}`}
                      checked={selection.selected.has(key)}
                      onChange={(e) => toggle(key, e.currentTarget.checked)}
                    />
                  </td>
                ) : null}
                {columns.map((c) => (
                  <td key={c.header} data-align={c.align} data-from={c.from}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
