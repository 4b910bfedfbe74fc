import { Anchor, Card, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { useContentList } from "./content.api.ts";
import { ContentStatusBadge, kindLabels } from "./content-bits.tsx";

/** The testimonials, case studies and quotes that quote this contact, and where each stands. */
export function ContactContentCard({ contactId }: { contactId: string }) {
  const allowed = useCan("programs:read");
  const content = useContentList({ contactId }, { enabled: allowed });
  if (!allowed) return null;
  let body: React.ReactNode;
  if (content.isPending) body = <CardSkeleton lines={2} />;
  else if (content.isError) body = <ErrorState error={content.error} onRetry={() => content.refetch()} />;
  else if (content.data.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        No testimonial or case study quotes this contact yet.
      </Text>
    );
  else
    body = (
      <Stack gap={8}>
        {content.data.map((item) => (
          <div key={item.id}>
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Anchor component={Link} to={`/content/${item.id}`} size="sm" truncate>
                {item.title}
              </Anchor>
              <ContentStatusBadge status={item.status} />
            </Group>
            <Text size="xs" c="dimmed">
              {kindLabels[item.kind]}
            </Text>
          </div>
        ))}
      </Stack>
    );
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        Content
      </Title>
      {body}
    </Card>
  );
}
