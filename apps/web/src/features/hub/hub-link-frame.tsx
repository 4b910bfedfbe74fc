import { Card, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { LogoMark } from "../../ui/icons.tsx";
import "./hub.css";

/** The frame of a hub page opened from an emailed link, without signing in: the hub's mark, a title, a card. */
export function HubLinkFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="hub-shell" style={{ paddingBottom: 24 }}>
      <main className="hub-main" id="main">
        <Group gap={8} mb="md">
          <LogoMark size={26} />
          <Text fw={700}>Advocate hub</Text>
        </Group>
        <Card>
          <Stack>
            <Title order={1} fz={22}>
              {title}
            </Title>
            {children}
          </Stack>
        </Card>
      </main>
    </div>
  );
}
