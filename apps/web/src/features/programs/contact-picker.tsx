import { MultiSelect } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { personName } from "../../ui/format.ts";
import { listContacts } from "../contacts/contacts.api.ts";

export interface PickedContact {
  id: string;
  label: string;
}

/** Search contacts by name or email and pick several. */
export function ContactPicker({
  value,
  onChange,
  error,
  label = "Contacts",
}: {
  value: PickedContact[];
  onChange: (value: PickedContact[]) => void;
  error?: string;
  label?: string;
}) {
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ["contacts", "picker", q],
    queryFn: ({ signal }) => listContacts({ q: q || undefined }, undefined, 20, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = new Map(value.map((c) => [c.id, c.label]));
  for (const contact of found.data?.data ?? []) {
    const name = personName(contact);
    options.set(contact.id, contact.email && name !== contact.email ? `${name} · ${contact.email}` : name);
  }
  return (
    <MultiSelect
      label={label}
      placeholder="Search by name or email"
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      data={[...options].map(([id, text]) => ({ value: id, label: text }))}
      value={value.map((c) => c.id)}
      onChange={(ids) => onChange(ids.map((id) => ({ id, label: options.get(id) ?? id })))}
      nothingFoundMessage={found.isFetching ? "Searching…" : "No contact matches"}
      error={error}
      hidePickedOptions
    />
  );
}
