import { Badge, Button, Card, Group, SegmentedControl, Table, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { messageOf } from "../../api/api-error.ts";
import type { Job } from "../../api/types.ts";
import { formatDateTime, humanize } from "../../ui/format.ts";
import { CheckIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { type JobFilter, useJobs, useRetryJob } from "./settings.api.ts";

/** What each kind of background work is, in the words of the person looking at the queue. */
const jobNames: Record<string, string> = {
  "contacts.changed": "Rescore contacts with new signals",
  "scoring.rescore-all": "Rescore every contact",
  "listening.poll-feed": "Poll a mention feed",
  "listening.deliver-alert": "Deliver a negative-spike alert",
  "referrals.payout": "Reward a referral conversion",
};
const jobName = (kind: string) => jobNames[kind] ?? humanize(kind.replace(/[.-]/g, " "));

const statusBadges: Record<Job["status"], { label: string; color: string }> = {
  queued: { label: "Waiting", color: "gray" },
  running: { label: "Running", color: "blue" },
  failed: { label: "Failed", color: "red" },
};

const filters: { value: JobFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "failed", label: "Failed" },
  { value: "queued", label: "Waiting" },
  { value: "running", label: "Running" },
];

const emptyText: Record<JobFilter, string> = {
  all: "Nothing is waiting, running or failed: every signal has been scored and every alert delivered.",
  failed: "No job has failed in the last 30 days.",
  queued: "No work is waiting.",
  running: "No work is running right now.",
};

export function JobsPanel({ canManage }: { canManage: boolean }) {
  const [param, setParam] = useUrlParam("jobs");
  const filter: JobFilter = filters.some((f) => f.value === param) ? (param as JobFilter) : "all";
  const jobs = useJobs(filter);
  const retry = useRetryJob();

  const retryJob = (job: Job) =>
    retry.mutate(job.id, {
      onSuccess: () =>
        notifications.show({ color: "teal", message: `${jobName(job.kind)}: queued for one more attempt.` }),
      onError: (error) => notifications.show({ color: "red", title: "Could not retry", message: messageOf(error) }),
    });

  return (
    <Card p={0}>
      <Group justify="space-between" p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <div>
          <Text fw={600}>Background jobs</Text>
          <Text size="sm" c="dimmed">
            Rescoring after new signals, feed polls, alert deliveries and referral rewards. A job that fails is tried
            again with growing pauses; after its last attempt it stays here with its error for 30 days.
          </Text>
        </div>
        <SegmentedControl
          aria-label="Show jobs"
          value={filter}
          onChange={(value) => setParam(value === "all" ? null : value)}
          data={filters}
        />
      </Group>
      {jobs.isPending ? (
        <TableSkeleton columns={6} rows={3} />
      ) : jobs.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={jobs.error} onRetry={() => jobs.refetch()} />
        </div>
      ) : jobs.data.length === 0 ? (
        <EmptyPanel icon={<CheckIcon size={28} />} title="All clear" description={emptyText[filter]} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Background jobs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Job</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Queued</Table.Th>
                <Table.Th>Last error</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {jobs.data.map((job) => (
                <Table.Tr key={job.id}>
                  <Table.Td>
                    <Text fz="sm" fw={600}>
                      {jobName(job.kind)}
                    </Text>
                    <Text fz="xs" c="dimmed" ff="monospace">
                      {job.kind}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Badge
                      color={statusBadges[job.status].color}
                      variant="light"
                      radius="sm"
                      styles={{ label: { overflow: "visible" } }}
                    >
                      {statusBadges[job.status].label}
                    </Badge>
                    {job.status === "queued" && Date.parse(job.runAt) > Date.now() ? (
                      <Text fz="xs" c="dimmed">
                        due {formatDateTime(job.runAt)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td fz="sm" style={{ whiteSpace: "nowrap" }}>
                    {job.attempts} of {job.maxAttempts}
                  </Table.Td>
                  <Table.Td fz="sm" style={{ whiteSpace: "nowrap" }}>
                    {formatDateTime(job.createdAt)}
                  </Table.Td>
                  <Table.Td maw={360}>
                    {job.lastError ? (
                      <Tooltip label={job.lastError} multiline maw={480} openDelay={300}>
                        <Text fz="sm" c="red.8" lineClamp={2} style={{ wordBreak: "break-word" }}>
                          {job.lastError}
                        </Text>
                      </Tooltip>
                    ) : (
                      <Text fz="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {job.status === "failed" && canManage ? (
                      <Button
                        size="xs"
                        variant="light"
                        loading={retry.isPending && retry.variables === job.id}
                        onClick={() => retryJob(job)}
                        aria-label={`Retry ${jobName(job.kind)}`}
                      >
                        Retry
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
