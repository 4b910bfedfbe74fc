import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../api/client.ts";
import { formatNumber } from "../../ui/format.ts";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { usePrograms, useSubmissions } from "./programs.api.ts";

interface Ask {
  id: string;
  kind: string;
  source: { type: string; id: string };
  at: string;
}

const useContactAsks = (contactId: string) =>
  useQuery({
    queryKey: ["contacts", "asks", contactId],
    queryFn: ({ signal }) =>
      api.get<{ data: Ask[]; limits: { kind: string; maxPerQuarter: number }[] }>(
        `/api/v1/contacts/${encodeURIComponent(contactId)}/asks`,
        undefined,
        signal,
      ),
  });

const stateColor = { approved: "teal", pending: "yellow", rejected: "red" } as const;

/**
 * The contact's programs (invitations in the last year, from the ask history), the challenges they
 * submitted to, and how often they were asked for anything (references have their own card).
 */
export function ContactProgramsCard({ contactId }: { contactId: string }) {
  const asks = useContactAsks(contactId);
  const submissions = useSubmissions({ contactId });
  const programs = usePrograms();
  const nameOf = (id: string) => programs.data?.find((p) => p.id === id)?.name ?? "A program";

  let body: React.ReactNode;
  if (asks.isPending || submissions.isPending) body = <CardSkeleton lines={3} />;
  else if (asks.isError) body = <ErrorState error={asks.error} onRetry={() => asks.refetch()} />;
  else if (submissions.isError) body = <ErrorState error={submissions.error} onRetry={() => submissions.refetch()} />;
  else {
    const invited = [
      ...new Set(asks.data.data.filter((a) => a.source.type === "program_invite").map((a) => a.source.id)),
    ];
    const subs = submissions.data;
    body = (
      <Stack gap="sm">
        <div>
          <Text size="sm" fw={500}>
            Programs
          </Text>
          {invited.length === 0 ? (
            <Text size="sm" c="dimmed">
              Not invited to a program in the last year.
            </Text>
          ) : (
            <Group gap={6}>
              {invited.map((id) => (
                <Anchor key={id} component={Link} to={`/programs/${id}`} size="sm">
                  {nameOf(id)}
                </Anchor>
              ))}
            </Group>
          )}
        </div>
        <div>
          <Text size="sm" fw={500}>
            Challenge submissions
          </Text>
          {subs.length === 0 ? (
            <Text size="sm" c="dimmed">
              None yet.
            </Text>
          ) : (
            <Stack gap={4}>
              {subs.slice(0, 5).map((s) => (
                <Group key={s.id} gap="xs" wrap="nowrap" justify="space-between">
                  <Text size="sm" truncate>
                    {s.challengeTitle ?? "Challenge"}
                  </Text>
                  <Badge size="sm" variant="light" color={stateColor[s.state]}>
                    {s.state === "approved" ? `+${formatNumber(s.points)} pts` : s.state}
                  </Badge>
                </Group>
              ))}
              {subs.length > 5 ? (
                <Text size="xs" c="dimmed">
                  and {formatNumber(subs.length - 5)} more
                </Text>
              ) : null}
            </Stack>
          )}
        </div>
        <Text size="xs" c="dimmed">
          {formatNumber(asks.data.data.length)} asks of any kind in the last year
          {asks.data.data.length
            ? `: ${Object.entries(
                asks.data.data.reduce<Record<string, number>>((acc, a) => {
                  acc[a.kind] = (acc[a.kind] ?? 0) + 1;
                  return acc;
                }, {}),
              )
                .map(([k, n]) => `${n} ${k}`)
                .join(", ")}`
            : ""}
          .
        </Text>
      </Stack>
    );
  }
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        Programs and asks
      </Title>
      {body}
    </Card>
  );
}
