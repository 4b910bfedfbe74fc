import type { referencesGivenOutput } from "@advo/core/references";
import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type { z } from "zod";
import { api } from "../../api/client.ts";
import { formatDate, formatMoney, formatNumber, humanize } from "../../ui/format.ts";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";

type ReferencesGiven = z.infer<typeof referencesGivenOutput>;

const askColor: Record<string, string> = {
  pending: "yellow",
  accepted: "indigo",
  completed: "teal",
  declined: "red",
  withdrawn: "gray",
  no_show: "orange",
};

/** The references a contact was asked for, what they answered, and what the calls brought. */
export function ReferencesGivenCard({ contactId }: { contactId: string }) {
  const given = useQuery({
    queryKey: ["contacts", "one", contactId, "references"],
    queryFn: ({ signal }) =>
      api.get<ReferencesGiven>(`/api/v1/contacts/${encodeURIComponent(contactId)}/references`, undefined, signal),
  });
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        References given
      </Title>
      {given.isPending ? (
        <CardSkeleton lines={3} />
      ) : given.isError ? (
        <ErrorState error={given.error} onRetry={() => given.refetch()} />
      ) : given.data.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Never asked for a reference.
        </Text>
      ) : (
        <Stack gap="xs">
          <Text size="xs" c="dimmed" data-testid="references-summary">
            {formatNumber(given.data.summary.asked)} asked · {formatNumber(given.data.summary.accepted)} accepted ·{" "}
            {formatNumber(given.data.summary.completed)} completed · {formatNumber(given.data.summary.declined)}{" "}
            declined
            {given.data.summary.wonAmount > 0 ? ` · ${formatMoney(given.data.summary.wonAmount)} won` : ""}
          </Text>
          {given.data.data.slice(0, 8).map((r) => (
            <Group key={r.askId} justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/references/requests/${r.requestId}`} size="sm" fw={500} truncate>
                  {r.prospectName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {humanize(r.activity)} · asked {formatDate(r.askedAt)}
                  {r.callAt ? ` · call ${formatDate(r.callAt)}` : ""}
                  {r.dealStatus === "won"
                    ? ` · deal won${r.wonAmount ? ` ${formatMoney(r.wonAmount)} ${r.currency}` : ""}`
                    : r.dealStatus === "lost"
                      ? " · deal lost"
                      : ""}
                </Text>
                {r.declineReason ? (
                  <Text size="xs" c="dimmed">
                    Declined: {r.declineReason}
                  </Text>
                ) : null}
              </div>
              <Badge color={askColor[r.askStatus] ?? "gray"} variant="light" radius="sm">
                {humanize(r.askStatus)}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
