import { Loader, Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { accountKeys, listAccounts, useAccount } from "./accounts.api.ts";

/** Picks an account by typing part of its name or domain; the server does the searching. */
export function AccountSelect({
  value,
  onChange,
  error,
  label = "Account",
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  label?: string;
}) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const current = useAccount(value);
  const results = useQuery({
    queryKey: [...accountKeys.list({ q: debounced }), "picker"],
    queryFn: ({ signal }) => listAccounts({ q: debounced || undefined }, undefined, 20, signal),
    staleTime: 60_000,
  });

  const options = new Map<string, string>();
  if (current.data) options.set(current.data.id, current.data.name);
  for (const account of results.data?.data ?? []) {
    options.set(account.id, account.domain ? `${account.name} (${account.domain})` : account.name);
  }

  return (
    <Select
      label={label}
      placeholder="Search accounts"
      searchable
      clearable
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      data={[...options].map(([id, name]) => ({ value: id, label: name }))}
      filter={({ options: all }) => all}
      nothingFoundMessage={results.isFetching ? "Searching…" : "No account matches"}
      rightSection={results.isFetching ? <Loader size={14} /> : undefined}
      error={error}
    />
  );
}
