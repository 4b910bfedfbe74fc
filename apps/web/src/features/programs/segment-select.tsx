import { Select } from "@mantine/core";
import { formatNumber } from "../../ui/format.ts";
import { useSegments } from "../segments/segments.api.ts";

/** A saved segment picker (members counted), or none. */
export function SegmentSelect({
  label,
  description,
  value,
  onChange,
  error,
  placeholder = "None",
}: {
  label: string;
  description?: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
  placeholder?: string;
}) {
  const segments = useSegments();
  const data = (segments.data ?? []).map((s) => ({
    value: s.id,
    label: `${s.name} (${formatNumber(s.memberCount)})`,
  }));
  // Keep a chosen segment readable while the list loads.
  if (value && !data.some((d) => d.value === value)) data.unshift({ value, label: value });
  return (
    <Select
      label={label}
      description={description}
      placeholder={
        segments.isPending ? "Loading segments…" : segments.isError ? "Segments could not load" : placeholder
      }
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      nothingFoundMessage="No saved segment matches"
      error={error ?? (segments.isError ? "Could not load saved segments" : undefined)}
    />
  );
}
