import { Badge, Button, Card, Group, Modal, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { labelOf, type Reward } from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { GiftIcon } from "../../ui/icons.tsx";
import { RichText } from "../../ui/rich-text.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { StatusBadge } from "../programs/program-bits.tsx";
import { useHubRedemptions, useHubRewards, useHubStanding, useRedeem } from "./hub.api.ts";

export function HubRewardsPage() {
  const rewards = useHubRewards();
  const standing = useHubStanding();
  const [redeeming, setRedeeming] = useState<Reward | null>(null);
  const balance = standing.data?.balance ?? 0;
  return (
    <Stack gap="md">
      <Title order={1} fz={22}>
        Rewards
      </Title>
      {rewards.isPending ? (
        <Card>
          <CardSkeleton lines={4} />
        </Card>
      ) : rewards.isError ? (
        <ErrorState error={rewards.error} onRetry={() => rewards.refetch()} />
      ) : rewards.data.length === 0 ? (
        <Card>
          <EmptyPanel
            icon={<GiftIcon size={28} />}
            title="No rewards to redeem yet"
            description="Keep collecting points!"
          />
        </Card>
      ) : (
        rewards.data.map((r) => {
          const short = standing.data ? r.costPoints - balance : 0;
          const soldOut = r.stock === 0;
          return (
            <Card key={r.id} component="article" aria-label={r.name}>
              <Stack gap="xs">
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                  <div style={{ minWidth: 0 }}>
                    <Text fw={700} style={{ overflowWrap: "anywhere" }}>
                      {r.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {labelOf(r.kind)}
                      {r.stock !== null ? ` · ${formatNumber(r.stock)} left` : ""}
                      {r.approvalRequired ? " · approved by the team" : ""}
                    </Text>
                  </div>
                  <Badge size="lg" variant="light" radius="sm" style={{ flex: "none" }}>
                    {formatNumber(r.costPoints)} pts
                  </Badge>
                </Group>
                <RichText html={r.description} c="dimmed" />
                <Button
                  fullWidth
                  disabled={soldOut || short > 0}
                  onClick={() => setRedeeming(r)}
                  aria-label={`Redeem ${r.name}`}
                >
                  {soldOut ? "Out of stock" : short > 0 ? `${formatNumber(short)} more points needed` : "Redeem"}
                </Button>
              </Stack>
            </Card>
          );
        })
      )}
      <MyRedemptions />
      {redeeming ? <RedeemModal reward={redeeming} balance={balance} onClose={() => setRedeeming(null)} /> : null}
    </Stack>
  );
}

function RedeemModal({ reward, balance, onClose }: { reward: Reward; balance: number; onClose: () => void }) {
  const redeem = useRedeem();
  const [note, setNote] = useState("");
  const { field, general } = fieldErrorsOf(redeem.error, ["rewardId", "details"]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    redeem.mutate(
      { rewardId: reward.id, details: note.trim() ? { note: note.trim() } : {} },
      {
        onSuccess: (r) => {
          notifications.show({
            color: "teal",
            title: r.state === "requested" ? "Requested" : "Redeemed",
            message: r.state === "requested" ? "The team will approve it shortly." : `Enjoy your ${reward.name}!`,
          });
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Redeem ${reward.name}`} centered fullScreen={false}>
      <form onSubmit={submit} noValidate aria-label={`Redeem ${reward.name}`}>
        <Stack>
          <FormError message={general} title="Could not redeem" />
          <Text size="sm">
            {formatNumber(reward.costPoints)} points from your {formatNumber(balance)};{" "}
            {formatNumber(balance - reward.costPoints)} left after.
          </Text>
          <Textarea
            label="Anything we need to know?"
            description="Shipping address, size, which charity…"
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={field("details")}
          />
          <Group grow>
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={redeem.isPending}>
              Confirm
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function MyRedemptions() {
  const redemptions = useHubRedemptions();
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        My redemptions
      </Title>
      {redemptions.isPending ? (
        <CardSkeleton lines={2} />
      ) : redemptions.isError ? (
        <ErrorState error={redemptions.error} onRetry={() => redemptions.refetch()} />
      ) : redemptions.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing redeemed yet.
        </Text>
      ) : (
        <Stack gap="xs" aria-label="My redemptions">
          {redemptions.data.map((r) => (
            <Group key={r.id} justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate>
                  {r.rewardName ?? "Reward"}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDate(r.requestedAt)} · {formatNumber(r.points)} pts
                  {r.rejectionReason ? ` · ${r.rejectionReason}` : ""}
                </Text>
              </div>
              <StatusBadge status={r.state} />
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
