import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  Skeleton,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { messageOf } from "../../api/api-error.ts";
import type { Segment } from "../../api/types.ts";
import { capitalize, formatDateTime, formatNumber } from "../../ui/format.ts";
import {
  ChevronIcon,
  DotsIcon,
  EditIcon,
  HistoryIcon,
  PlusIcon,
  RefreshIcon,
  StarIcon,
  TrashIcon,
} from "../../ui/icons.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { SegmentChangesDrawer } from "./segment-changes-drawer.tsx";
import { useDeleteSegment, useRefreshSegment, useSegments } from "./segments.api.ts";
import "./segments.css";

/** The saved segments, like folders: "All advocates" first, each with its member count and actions. */
export function SavedSegments({
  activeId,
  allActive,
  scored,
  canWrite,
  onOpen,
  onEdit,
  onNew,
}: {
  activeId: string | null;
  /** True when no segment or expression narrows the list. */
  allActive: boolean;
  /** How many contacts have a score (the "All advocates" count), when known. */
  scored?: number;
  canWrite: boolean;
  onOpen: (segment: Segment | null) => void;
  onEdit: (segment: Segment) => void;
  onNew: () => void;
}) {
  const segments = useSegments();
  const refresh = useRefreshSegment();
  const [deleting, setDeleting] = useState<Segment | null>(null);
  const [changesOf, setChangesOf] = useState<Segment | null>(null);
  // On a phone the list folds behind its header so the advocates stay in view.
  const phone = useMediaQuery("(max-width: 47.99em)") ?? false;
  const [unfolded, setUnfolded] = useState(false);
  const activeName = allActive
    ? "All advocates"
    : (segments.data?.find((s) => s.id === activeId)?.name ?? "Custom expression");
  const open = (segment: Segment | null) => {
    setUnfolded(false);
    onOpen(segment);
  };

  return (
    <Card p={0}>
      <Group
        justify="space-between"
        px="md"
        py="sm"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        {phone ? (
          <UnstyledButton
            onClick={() => setUnfolded((u) => !u)}
            aria-expanded={unfolded}
            aria-controls="saved-segments-list"
            style={{ minWidth: 0, flex: 1 }}
          >
            <Group gap={6} wrap="nowrap">
              <ChevronIcon size={16} style={{ transform: unfolded ? "rotate(90deg)" : undefined, flex: "none" }} />
              <Text fw={650} size="sm" truncate>
                Segments ·{" "}
                <Text span inherit c="dimmed" fw={500}>
                  {activeName}
                </Text>
              </Text>
            </Group>
          </UnstyledButton>
        ) : (
          <Text fw={650} size="sm">
            Segments
          </Text>
        )}
        {canWrite ? (
          <Button size="compact-xs" variant="subtle" leftSection={<PlusIcon size={14} />} onClick={onNew}>
            New
          </Button>
        ) : null}
      </Group>
      <nav aria-label="Saved segments" id="saved-segments-list" hidden={phone && !unfolded}>
        <ul className="seg-list">
          <li>
            <button
              type="button"
              className="seg-item"
              data-active={allActive || undefined}
              onClick={() => onOpen(null)}
            >
              <span className="seg-item-icon">
                <StarIcon size={16} />
              </span>
              <span className="seg-item-name">All advocates</span>
              {scored !== undefined ? <span className="seg-item-count">{formatNumber(scored)}</span> : null}
            </button>
          </li>
          {segments.isPending ? (
            [0, 1, 2].map((i) => (
              <li key={i} style={{ padding: "10px 16px" }}>
                <Skeleton height={14} width={`${70 - i * 10}%`} />
              </li>
            ))
          ) : segments.isError ? (
            <li style={{ padding: 12 }}>
              <ErrorState error={segments.error} onRetry={() => segments.refetch()} />
            </li>
          ) : segments.data.length === 0 ? (
            <li style={{ padding: "8px 16px 14px" }}>
              <Text size="sm" c="dimmed">
                No saved segments yet. Write an expression and save it to keep its members up to date.
              </Text>
            </li>
          ) : (
            segments.data.map((segment) => (
              <li key={segment.id} className="seg-row" data-active={segment.id === activeId || undefined}>
                <button
                  type="button"
                  className="seg-item"
                  data-active={segment.id === activeId || undefined}
                  aria-current={segment.id === activeId ? "true" : undefined}
                  onClick={() => open(segment)}
                  title={segment.expression}
                >
                  <span className="seg-item-name">
                    {segment.name}
                    <span className="seg-item-expression">{segment.expression}</span>
                  </span>
                  <span className="seg-item-count">
                    {formatNumber(segment.memberCount)}
                    <VisuallyHidden> members</VisuallyHidden>
                  </span>
                </button>
                <Menu position="bottom-end" withinPortal shadow="md" width={220}>
                  <Menu.Target>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      className="seg-item-menu"
                      aria-label={`Actions for ${segment.name}`}
                    >
                      <DotsIcon size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Label>
                      {segment.refreshedAt
                        ? `Members as of ${formatDateTime(segment.refreshedAt)}`
                        : "Not refreshed yet"}
                    </Menu.Label>
                    {canWrite ? (
                      <Menu.Item leftSection={<EditIcon size={16} />} onClick={() => onEdit(segment)}>
                        Edit name and expression
                      </Menu.Item>
                    ) : null}
                    {canWrite ? (
                      <Menu.Item
                        leftSection={<RefreshIcon size={16} />}
                        onClick={() =>
                          refresh.mutate(segment.id, {
                            onSuccess: (saved) =>
                              notifications.show({
                                color: "teal",
                                title: "Members refreshed",
                                message: `${saved.name}: ${formatNumber(saved.memberCount)} members`,
                              }),
                            onError: (error) =>
                              notifications.show({
                                color: "red",
                                title: "Could not refresh",
                                message: messageOf(error),
                              }),
                          })
                        }
                      >
                        Refresh members now
                      </Menu.Item>
                    ) : null}
                    <Menu.Item leftSection={<HistoryIcon size={16} />} onClick={() => setChangesOf(segment)}>
                      Who joined or left
                    </Menu.Item>
                    {canWrite ? (
                      <>
                        <Menu.Divider />
                        <Menu.Item
                          color="red"
                          leftSection={<TrashIcon size={16} />}
                          onClick={() => setDeleting(segment)}
                        >
                          Delete segment
                        </Menu.Item>
                      </>
                    ) : null}
                  </Menu.Dropdown>
                </Menu>
              </li>
            ))
          )}
        </ul>
      </nav>
      <SegmentChangesDrawer segment={changesOf} onClose={() => setChangesOf(null)} />
      <DeleteSegmentModal
        segment={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(segment) => {
          if (segment.id === activeId) onOpen(null);
        }}
      />
    </Card>
  );
}

function DeleteSegmentModal({
  segment,
  onClose,
  onDeleted,
}: {
  segment: Segment | null;
  onClose: () => void;
  onDeleted: (segment: Segment) => void;
}) {
  const remove = useDeleteSegment();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Modal opened={segment !== null} onClose={close} title="Delete segment?" centered>
      <Stack>
        <Text size="sm">
          <b>{segment?.name}</b> and its log of who joined and left will be deleted. The contacts themselves stay.
        </Text>
        {remove.error ? (
          <Alert color="red" variant="light" role="alert">
            {capitalize(messageOf(remove.error))}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Tooltip label="This cannot be undone" withArrow>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                segment &&
                remove.mutate(segment.id, {
                  onSuccess: () => {
                    notifications.show({ color: "gray", title: "Segment deleted", message: segment.name });
                    onDeleted(segment);
                    close();
                  },
                })
              }
            >
              Delete segment
            </Button>
          </Tooltip>
        </Group>
      </Stack>
    </Modal>
  );
}
