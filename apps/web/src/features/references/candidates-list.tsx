import { Badge, Button, Card, Group, List, Progress, Stack, Text, Title } from "@mantine/core";
import { formatDate } from "../../ui/format.ts";
import { EmptyPanel } from "../../ui/states.tsx";
import type { MatchResult } from "./references.api.ts";

/** Ranked candidates with their score and every reason, then the profiles that may not be asked, and why. */
export function CandidatesList({
  match,
  onAsk,
  asking,
}: {
  match: MatchResult;
  onAsk?: (contactId: string, name: string) => void;
  asking?: boolean;
}) {
  return (
    <Stack gap="sm">
      {match.candidates.length === 0 ? (
        <Card>
          <EmptyPanel
            title="No available candidate"
            description="No willing reference fits this prospect now; see who was left out and why below."
          />
        </Card>
      ) : (
        <Stack gap="sm" role="list" aria-label="Ranked candidates">
          {match.candidates.map((c, index) => (
            <Card key={c.contactId} role="listitem" aria-label={`Candidate ${index + 1}: ${c.name}`}>
              <Group justify="space-between" align="flex-start" gap="sm">
                <Stack gap={4} style={{ flex: 1, minWidth: 220 }}>
                  <Group gap="xs">
                    <Text fw={700}>
                      {index + 1}. {c.name}
                    </Text>
                    <Badge size="lg" radius="sm" color={c.score >= 60 ? "teal" : c.score >= 35 ? "yellow" : "gray"}>
                      Match {Math.round(c.score)}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {[c.title, c.accountName].filter(Boolean).join(" · ") || "—"}
                  </Text>
                  <Progress value={c.score} size="sm" radius="sm" aria-hidden maw={320} />
                  <List size="sm" spacing={2} aria-label={`Why ${c.name}`}>
                    {c.reasons.map((r) => (
                      <List.Item key={`${r.factor}-${r.message}`}>
                        {r.message}{" "}
                        <Text span size="xs" c="dimmed">
                          (+{Math.round(r.points)})
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                  <Text size="xs" c="dimmed">
                    {c.asksThisQuarter} ask{c.asksThisQuarter === 1 ? "" : "s"} this quarter · last reference{" "}
                    {formatDate(c.lastReferenceAt)}
                  </Text>
                </Stack>
                {onAsk ? (
                  <Button onClick={() => onAsk(c.contactId, c.name)} loading={asking} aria-label={`Ask ${c.name}`}>
                    Ask
                  </Button>
                ) : null}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {match.excluded.length > 0 ? (
        <Card>
          <Title order={3} fz="sm" mb="xs">
            Left out ({match.excluded.length})
          </Title>
          <Stack gap="xs" aria-label="Excluded candidates">
            {match.excluded.map((x) => (
              <div key={x.contactId}>
                <Text size="sm" fw={600}>
                  {x.name}{" "}
                  <Text span size="xs" c="dimmed">
                    would score {Math.round(x.score)}
                  </Text>
                </Text>
                <Text size="xs" c="red.8">
                  {x.exclusions.map((e) => e.message).join("; ")}
                </Text>
              </div>
            ))}
          </Stack>
        </Card>
      ) : null}
      <Text size="xs" c="dimmed">
        {match.considered} profiles considered.
      </Text>
    </Stack>
  );
}
