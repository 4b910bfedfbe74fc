import { Badge, Button, Card, Group, List, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { Link } from "react-router";
import type { UpcomingModule } from "../../app/nav-items.tsx";
import { CheckIcon } from "../../ui/icons.tsx";

/** A screen whose module is not built yet: says which module brings it and what it will do. */
export function ComingSoonPage({ item }: { item: UpcomingModule }) {
  return (
    <Card maw={720} mx="auto" mt={{ base: 0, sm: "xl" }} p={{ base: "lg", sm: "xl" }}>
      <Stack gap="md" align="flex-start">
        <Group gap="md" wrap="nowrap">
          <ThemeIcon size={52} radius="md" variant="light">
            {item.icon}
          </ThemeIcon>
          <div>
            <Badge variant="light" color="gray" radius="sm" mb={6}>
              Coming with the {item.module} module
            </Badge>
            <Title order={1} fz={26}>
              {item.label}
            </Title>
          </div>
        </Group>
        <Text size="lg">{item.summary}</Text>
        <Text c="dimmed" size="sm">
          This screen arrives with Advo's <b>{item.module}</b> module. What it will bring:
        </Text>
        <List
          spacing="xs"
          size="sm"
          icon={
            <ThemeIcon size={20} radius="xl" variant="light" color="teal">
              <CheckIcon size={12} />
            </ThemeIcon>
          }
        >
          {item.bullets.map((b) => (
            <List.Item key={b}>{b}</List.Item>
          ))}
        </List>
        <Group mt="sm">
          <Button component={Link} to="/contacts" variant="light">
            Meanwhile, browse contacts
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
