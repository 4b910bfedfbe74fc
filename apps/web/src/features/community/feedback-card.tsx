import { Card, Group, Progress, Rating, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { CommunityEventDetail } from "../../api/types.ts";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useEventFeedback } from "./community.api.ts";
import { PersonCell } from "./community-bits.tsx";

/** What who came said of the event: asked once it is over, each answer a rating and maybe a comment. */
export function FeedbackCard({ event }: { event: CommunityEventDetail }) {
  const feedback = useEventFeedback(event.id);
  return (
    <Card component="section" aria-label="Feedback">
      <Group justify="space-between" mb="sm" align="baseline">
        <Title order={2} fz="md">
          What they said
        </Title>
        {feedback.data ? (
          <Text size="sm" c="dimmed">
            {formatNumber(feedback.data.answered)} of {formatNumber(feedback.data.attended)} who came answered
            {feedback.data.asked < feedback.data.attended
              ? ` · ${formatNumber(feedback.data.attended - feedback.data.asked)} not asked yet`
              : ""}
          </Text>
        ) : null}
      </Group>
      {feedback.isPending ? (
        <CardSkeleton lines={3} />
      ) : feedback.isError ? (
        <ErrorState error={feedback.error} onRetry={() => feedback.refetch()} />
      ) : feedback.data.answered === 0 ? (
        <Text size="sm" c="dimmed">
          {feedback.data.asked > 0
            ? "Asked, no answers yet."
            : "Who came is asked how it was once the event is over and their attendance is recorded."}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <Stack gap={6} role="group" aria-label="Ratings">
            <Group gap="xs" align="center">
              <Text fz={32} fw={700} lh={1}>
                {feedback.data.averageRating?.toFixed(1)}
              </Text>
              <Rating value={feedback.data.averageRating ?? 0} fractions={10} readOnly aria-label="Mean rating" />
            </Group>
            {[5, 4, 3, 2, 1].map((stars) => {
              const count = feedback.data.ratings[stars - 1] ?? 0;
              return (
                <Group key={stars} gap="xs" wrap="nowrap">
                  <Text size="xs" w={44}>
                    {stars} star{stars > 1 ? "s" : ""}
                  </Text>
                  <Progress
                    value={(100 * count) / feedback.data.answered}
                    style={{ flex: 1 }}
                    aria-label={`${stars} stars: ${count}`}
                  />
                  <Text size="xs" w={24} ta="right">
                    {formatNumber(count)}
                  </Text>
                </Group>
              );
            })}
          </Stack>
          <Stack gap="sm" style={{ gridColumn: "span 2" }} role="group" aria-label="Comments">
            {feedback.data.answers.map((a) => (
              <div key={a.contactId}>
                <Group gap="xs" justify="space-between" wrap="nowrap">
                  <div style={{ minWidth: 0 }}>
                    <PersonCell contactId={a.contactId} name={a.name} email={a.email} />
                  </div>
                  <Group gap={6} wrap="nowrap" style={{ flex: "none" }}>
                    <Rating value={a.rating} readOnly size="xs" aria-label={`${a.rating} of 5`} />
                    <Text size="xs" c="dimmed">
                      {formatDate(a.at)}
                    </Text>
                  </Group>
                </Group>
                {a.comment ? (
                  <Text size="sm" mt={2} style={{ whiteSpace: "pre-wrap" }}>
                    {a.comment}
                  </Text>
                ) : null}
              </div>
            ))}
          </Stack>
        </SimpleGrid>
      )}
    </Card>
  );
}
