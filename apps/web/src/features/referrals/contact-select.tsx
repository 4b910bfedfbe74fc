import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { personName } from "../../ui/format.ts";
import { listContacts } from "../contacts/contacts.api.ts";

/** Search contacts by name or email and pick one. */
export function ContactSelect({
  value,
  onChange,
  error,
  label = "Advocate",
  required,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  label?: string;
  required?: boolean;
}) {
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const [labels] = useState(() => new Map<string, string>());
  const found = useQuery({
    queryKey: ["contacts", "picker", q],
    queryFn: ({ signal }) => listContacts({ q: q || undefined }, undefined, 20, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = new Map<string, string>();
  if (value && labels.has(value)) options.set(value, labels.get(value) ?? value);
  for (const contact of found.data?.data ?? []) {
    const name = personName(contact);
    const text = contact.email && name !== contact.email ? `${name} · ${contact.email}` : name;
    options.set(contact.id, text);
    labels.set(contact.id, text);
  }
  return (
    <Select
      label={label}
      required={required}
      placeholder="Search by name or email"
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      data={[...options].map(([id, text]) => ({ value: id, label: text }))}
      value={value}
      onChange={onChange}
      nothingFoundMessage={found.isFetching ? "Searching…" : "No contact matches"}
      error={error}
    />
  );
}
