import { Anchor, Code, Group, SimpleGrid, Stack, Text, UnstyledButton } from "@mantine/core";
import { segmentExamples, segmentFieldGroups, segmentFunctions, segmentOperators } from "./segment-language.ts";

const kindColor = { number: "blue", text: "grape", time: "teal" } as const;

/** Fields, operators, functions and examples; a click puts the field or example into the editor. */
export function SegmentCheatsheet({
  onInsert,
  onUseExample,
}: {
  onInsert: (text: string) => void;
  onUseExample: (expression: string) => void;
}) {
  return (
    <Stack gap="md" className="seg-cheatsheet">
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md" verticalSpacing="md">
        {segmentFieldGroups.map((group) => (
          <div key={group.title}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={6} style={{ letterSpacing: 0.4 }}>
              {group.title}
            </Text>
            <Stack gap={4}>
              {group.fields.map((field) => (
                <UnstyledButton
                  key={field.name}
                  className="seg-field-button"
                  onClick={() => onInsert(field.name)}
                  aria-label={`Insert ${field.name}: ${field.help}`}
                >
                  <Code fz="xs" c={`${kindColor[field.kind]}.8`}>
                    {field.name}
                  </Code>
                  <Text size="xs" c="dimmed" lh={1.35}>
                    <Text span inherit fw={600}>
                      {field.kind}
                    </Text>{" "}
                    · {field.help}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </div>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <div>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={6} style={{ letterSpacing: 0.4 }}>
            Operators
          </Text>
          <Stack gap={4}>
            {segmentOperators.map((op) => (
              <Group key={op.syntax} gap={6} wrap="nowrap">
                <Code fz="xs">{op.syntax}</Code>
                <Text size="xs" c="dimmed">
                  {op.help}
                </Text>
              </Group>
            ))}
          </Stack>
        </div>
        <div>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={6} style={{ letterSpacing: 0.4 }}>
            Functions
          </Text>
          {segmentFunctions.map((fn) => (
            <UnstyledButton
              key={fn.syntax}
              className="seg-field-button"
              onClick={() => onInsert(fn.syntax)}
              aria-label={`Insert ${fn.syntax}: ${fn.help}`}
            >
              <Code fz="xs">{fn.syntax}</Code>
              <Text size="xs" c="dimmed">
                {fn.help}
              </Text>
            </UnstyledButton>
          ))}
          <Text size="xs" c="dimmed" mt="xs">
            Text compares ignore case. Put text values in quotes.
          </Text>
        </div>
        <div>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={6} style={{ letterSpacing: 0.4 }}>
            Examples
          </Text>
          <Stack gap={6}>
            {segmentExamples.map((example) => (
              <Anchor
                key={example.label}
                component="button"
                type="button"
                size="xs"
                ta="start"
                onClick={() => onUseExample(example.expression)}
              >
                {example.label}
                <Text span size="xs" c="dimmed" ff="monospace" display="block">
                  {example.expression}
                </Text>
              </Anchor>
            ))}
          </Stack>
        </div>
      </SimpleGrid>
    </Stack>
  );
}
