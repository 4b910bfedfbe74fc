import { Anchor, Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import type { Program } from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatDate } from "../../ui/format.ts";
import { PlusIcon, ShareIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { ContactSelect } from "./contact-select.tsx";
import {
  type CodeStatus,
  type ReferralCode,
  useIssueCode,
  useReferralCodes,
  useSetCodeStatus,
} from "./referrals.api.ts";

const statusColor: Record<CodeStatus, string> = { active: "teal", paused: "yellow", retired: "gray" };

export function CodesPanel({
  programId,
  programs,
  canManage,
}: {
  programId?: string;
  programs: Program[];
  canManage: boolean;
}) {
  const [status, setStatus] = useState<CodeStatus | null>(null);
  const codes = useReferralCodes(programId, status ?? undefined);
  const [issuing, setIssuing] = useState(false);
  const programName = (id: string) => programs.find((p) => p.id === id)?.name ?? id;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Select
          aria-label="Code status"
          placeholder="Any status"
          data={[
            { value: "active", label: "Active" },
            { value: "paused", label: "Paused" },
            { value: "retired", label: "Retired" },
          ]}
          value={status}
          onChange={(v) => setStatus(v as CodeStatus | null)}
          clearable
          w={180}
        />
        {canManage ? (
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setIssuing(true)}>
            Issue a code
          </Button>
        ) : null}
      </Group>
      <Card p={0}>
        {codes.isPending ? (
          <TableSkeleton columns={6} />
        ) : codes.isError ? (
          <ErrorState error={codes.error} onRetry={() => codes.refetch()} />
        ) : codes.data.length === 0 ? (
          <EmptyPanel
            icon={<ShareIcon size={28} />}
            title="No referral codes"
            description="Members of a referral program get a code when they ask for their link in the hub, or when you issue one."
          />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Referral codes" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Code</Table.Th>
                  <Table.Th>Advocate</Table.Th>
                  <Table.Th>Program</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Created</Table.Th>
                  {canManage ? <Table.Th>Actions</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {codes.data.map((code) => (
                  <CodeRow key={code.id} code={code} programName={programName(code.programId)} canManage={canManage} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <IssueCodeModal opened={issuing} onClose={() => setIssuing(false)} programs={programs} programId={programId} />
    </Stack>
  );
}

function CodeRow({ code, programName, canManage }: { code: ReferralCode; programName: string; canManage: boolean }) {
  const setStatus = useSetCodeStatus();
  const change = (status: CodeStatus) =>
    setStatus.mutate(
      { id: code.id, status },
      {
        onSuccess: () => notifications.show({ title: `Code ${status}`, message: code.code, color: "teal" }),
        onError: (error) =>
          notifications.show({ title: "Could not change the code", message: error.message, color: "red" }),
      },
    );
  return (
    <Table.Tr>
      <Table.Td>
        <Text ff="monospace" fw={600} size="sm">
          {code.code}
        </Text>
        <Anchor href={code.shareUrl} size="xs" target="_blank" rel="noopener noreferrer" c="dimmed">
          {code.sharePath}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/contacts/${code.contactId}`} size="sm">
          View advocate
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{programName}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          <Badge color={statusColor[code.status]} variant="light" radius="sm">
            {code.status}
          </Badge>
          {code.kind === "vanity" ? (
            <Badge variant="outline" color="gray" radius="sm">
              vanity
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(code.createdAt)}</Text>
      </Table.Td>
      {canManage ? (
        <Table.Td>
          {code.status === "retired" ? (
            <Text size="xs" c="dimmed">
              Retired for good
            </Text>
          ) : (
            <Group gap={6} wrap="nowrap">
              <Button
                size="xs"
                variant="default"
                loading={setStatus.isPending}
                onClick={() => change(code.status === "active" ? "paused" : "active")}
                aria-label={`${code.status === "active" ? "Pause" : "Resume"} ${code.code}`}
              >
                {code.status === "active" ? "Pause" : "Resume"}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                disabled={setStatus.isPending}
                onClick={() => {
                  if (window.confirm(`Retire ${code.code}? Its link will land unattributed from now on.`))
                    change("retired");
                }}
                aria-label={`Retire ${code.code}`}
              >
                Retire
              </Button>
            </Group>
          )}
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}

function IssueCodeModal({
  opened,
  onClose,
  programs,
  programId,
}: {
  opened: boolean;
  onClose: () => void;
  programs: Program[];
  programId?: string;
}) {
  const issue = useIssueCode();
  const [program, setProgram] = useState<string | null>(programId ?? programs[0]?.id ?? null);
  const [contactId, setContactId] = useState<string | null>(null);
  const [vanity, setVanity] = useState("");
  const { field, general } = fieldErrorsOf(issue.error, ["programId", "contactId", "vanity"]);
  const close = () => {
    issue.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    issue.mutate(
      { programId: program ?? "", contactId: contactId ?? "", vanity: vanity.trim() || undefined },
      {
        onSuccess: (code) => {
          notifications.show({ title: "Code issued", message: code.shareUrl, color: "teal" });
          setVanity("");
          setContactId(null);
          close();
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title="Issue a referral code" centered>
      <form onSubmit={submit} noValidate aria-label="Issue a referral code">
        <Stack>
          <FormError message={general} title="Could not issue the code" />
          <Select
            label="Program"
            required
            data={programs.map((p) => ({ value: p.id, label: p.name }))}
            value={program}
            onChange={setProgram}
            allowDeselect={false}
            error={field("programId")}
          />
          <ContactSelect value={contactId} onChange={setContactId} required error={field("contactId")} />
          <TextInput
            label="Vanity code"
            description="Optional: a memorable code such as JANE2026 instead of a generated one"
            value={vanity}
            onChange={(e) => setVanity(e.currentTarget.value)}
            error={field("vanity")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={issue.isPending}>
              Issue code
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
