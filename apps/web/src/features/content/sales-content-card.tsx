import { Button, Card, CopyButton, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import type { Content } from "../../api/types.ts";
import { plainText } from "../../ui/rich-text.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useContentList } from "./content.api.ts";
import { kindLabels } from "./content-bits.tsx";

/** The quote as it may be used: the approved words, the agreed credit line, and any disclosure. */
export const usableQuote = (item: Content) =>
  `“${plainText(item.body)}” — ${item.attributedTo}${item.disclosure ? ` (${item.disclosure})` : ""}`;

/** For a sales rep: customers' words cleared for sales now, ready to copy with their credit line. */
export function SalesContentCard() {
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const content = useContentList({ usableFor: "sales", q: q || undefined });
  let body: React.ReactNode;
  if (content.isPending) body = <CardSkeleton lines={3} />;
  else if (content.isError) body = <ErrorState error={content.error} onRetry={() => content.refetch()} />;
  else if (content.data.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        {q ? "Nothing cleared for sales matches." : "No customer content is cleared for sales yet."}
      </Text>
    );
  else
    body = (
      <Stack gap="sm">
        {content.data.slice(0, 6).map((item) => (
          <div key={item.id}>
            <Text size="sm" fw={600}>
              {item.title}{" "}
              <Text span size="xs" c="dimmed">
                · {kindLabels[item.kind]}
                {item.usableUntil ? ` · until ${new Date(item.usableUntil).toLocaleDateString()}` : ""}
              </Text>
            </Text>
            <Text size="sm" lineClamp={3}>
              {plainText(item.body)}
            </Text>
            <Text size="xs" c="dimmed">
              — {item.attributedTo}
              {item.disclosure ? ` (${item.disclosure})` : ""}
            </Text>
            <CopyButton value={usableQuote(item)}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={`Copy “${item.title}”`}>
                  {copied ? "Copied" : "Copy with credit line"}
                </Button>
              )}
            </CopyButton>
          </div>
        ))}
      </Stack>
    );
  return (
    <Card aria-label="Customer words for sales">
      <Title order={2} fz="md" mb={4}>
        Customer words you may use
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        Approved by the customers who said them, cleared for sales, within their term.
      </Text>
      <TextInput
        aria-label="Search customer words"
        placeholder="Search, e.g. onboarding"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        mb="sm"
      />
      {body}
    </Card>
  );
}
