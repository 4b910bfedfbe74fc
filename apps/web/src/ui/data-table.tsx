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
}: {
  label: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowHref: (row: T) => string;
  dimmed?: boolean;
}) {
  const navigate = useNavigate();
  return (
    <div className="dt-wrap">
      <table className="dt" aria-label={label} data-dimmed={dimmed || undefined}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" data-align={c.align} data-from={c.from}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              onClick={(event) => {
                // Let links and selected text behave as usual.
                if ((event.target as HTMLElement).closest("a") || window.getSelection()?.toString()) return;
                navigate(rowHref(row));
              }}
            >
              {columns.map((c) => (
                <td key={c.header} data-align={c.align} data-from={c.from}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
