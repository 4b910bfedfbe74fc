import {
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { type ReferralSettings, useReferralSettings, useSaveReferralSettings } from "./referrals.api.ts";

type RewardKind = "fixed" | "percent" | "discount" | "none";

interface Draft {
  referrerType: "fixed" | "percent";
  referrerPoints: number | string;
  referrerPercent: number | string;
  friendType: RewardKind;
  friendPoints: number | string;
  friendPercent: number | string;
  friendDescription: string;
  friendCode: string;
  holdDays: number | string;
  minAmount: number | string;
  attributionWindowDays: number | string;
  attributionRule: "last_click" | "first_click";
  fraudThreshold: number | string;
  audience: "business" | "consumer";
}

function draftOf(s: ReferralSettings): Draft {
  const r = s.referrerReward;
  const f = s.friendReward;
  return {
    referrerType: r.type,
    referrerPoints: r.type === "fixed" ? r.points : 500,
    referrerPercent: r.type === "percent" ? r.percent : 10,
    friendType: f.type,
    friendPoints: f.type === "fixed" ? f.points : 250,
    friendPercent: f.type === "percent" ? f.percent : 10,
    friendDescription: f.type === "discount" ? f.description : "",
    friendCode: f.type === "discount" ? (f.code ?? "") : "",
    holdDays: s.holdDays,
    minAmount: s.minAmount,
    attributionWindowDays: s.attributionWindowDays,
    attributionRule: s.attributionRule,
    fraudThreshold: s.fraudThreshold,
    audience: s.audience,
  };
}

// NumberInput gives "" when cleared: sent as is, the server names the field that needs a value.
const num = (v: number | string) => (v === "" ? (undefined as unknown as number) : Number(v));

export function SettingsPanel({ programId, canManage }: { programId: string | null; canManage: boolean }) {
  const settings = useReferralSettings(programId);
  if (!programId) {
    return (
      <Card>
        <Text c="dimmed">Choose a referral program above to see its rules.</Text>
      </Card>
    );
  }
  if (settings.isPending) {
    return (
      <Card>
        <CardSkeleton lines={6} />
      </Card>
    );
  }
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => settings.refetch()} />;
  return <SettingsForm key={programId} programId={programId} settings={settings.data} canManage={canManage} />;
}

function SettingsForm({
  programId,
  settings,
  canManage,
}: {
  programId: string;
  settings: ReferralSettings;
  canManage: boolean;
}) {
  const save = useSaveReferralSettings(programId);
  const [d, setD] = useState<Draft>(() => draftOf(settings));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((old) => ({ ...old, [key]: value }));
  const { field, general } = fieldErrorsOf(save.error, [
    "referrerReward",
    "friendReward",
    "holdDays",
    "minAmount",
    "attributionWindowDays",
    "attributionRule",
    "fraudThreshold",
    "audience",
  ]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const friendReward =
      d.friendType === "fixed"
        ? { type: "fixed" as const, points: num(d.friendPoints) }
        : d.friendType === "percent"
          ? { type: "percent" as const, percent: num(d.friendPercent) }
          : d.friendType === "discount"
            ? { type: "discount" as const, description: d.friendDescription, code: d.friendCode.trim() || undefined }
            : { type: "none" as const };
    save.mutate(
      {
        ...settings,
        referrerReward:
          d.referrerType === "fixed"
            ? { type: "fixed", points: num(d.referrerPoints) }
            : { type: "percent", percent: num(d.referrerPercent) },
        friendReward,
        holdDays: num(d.holdDays),
        minAmount: num(d.minAmount),
        attributionWindowDays: num(d.attributionWindowDays),
        attributionRule: d.attributionRule,
        fraudThreshold: num(d.fraudThreshold),
        audience: d.audience,
      },
      { onSuccess: () => notifications.show({ color: "teal", title: "Referral rules saved", message: "" }) },
    );
  };

  return (
    <Card component="form" onSubmit={submit} noValidate aria-label="Referral program settings">
      <Stack gap="lg">
        <FormError message={general} />
        <section>
          <Title order={2} fz="md" mb="xs">
            Double-sided rewards
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                Referrer (the advocate)
              </Text>
              <SegmentedControl
                aria-label="Referrer reward type"
                data={[
                  { value: "fixed", label: "Fixed points" },
                  { value: "percent", label: "% of first payment" },
                ]}
                value={d.referrerType}
                onChange={(v) => set("referrerType", v as Draft["referrerType"])}
                disabled={!canManage}
              />
              {d.referrerType === "fixed" ? (
                <NumberInput
                  label="Referrer points"
                  min={1}
                  value={d.referrerPoints}
                  onChange={(v) => set("referrerPoints", v)}
                  error={field("referrerReward")}
                  disabled={!canManage}
                />
              ) : (
                <NumberInput
                  label="Referrer percent"
                  suffix="%"
                  min={0}
                  max={100}
                  value={d.referrerPercent}
                  onChange={(v) => set("referrerPercent", v)}
                  error={field("referrerReward")}
                  disabled={!canManage}
                />
              )}
            </Stack>
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                Friend (the new customer)
              </Text>
              <Select
                label="Friend reward"
                data={[
                  { value: "fixed", label: "Fixed points" },
                  { value: "percent", label: "% of first payment, in points" },
                  { value: "discount", label: "A discount" },
                  { value: "none", label: "Nothing" },
                ]}
                value={d.friendType}
                onChange={(v) => v && set("friendType", v as RewardKind)}
                allowDeselect={false}
                disabled={!canManage}
              />
              {d.friendType === "fixed" ? (
                <NumberInput
                  label="Friend points"
                  min={1}
                  value={d.friendPoints}
                  onChange={(v) => set("friendPoints", v)}
                  error={field("friendReward")}
                  disabled={!canManage}
                />
              ) : d.friendType === "percent" ? (
                <NumberInput
                  label="Friend percent"
                  suffix="%"
                  min={0}
                  max={100}
                  value={d.friendPercent}
                  onChange={(v) => set("friendPercent", v)}
                  error={field("friendReward")}
                  disabled={!canManage}
                />
              ) : d.friendType === "discount" ? (
                <>
                  <TextInput
                    label="What the friend gets"
                    placeholder="20% off the first year"
                    value={d.friendDescription}
                    onChange={(e) => set("friendDescription", e.currentTarget.value)}
                    error={field("friendReward")}
                    disabled={!canManage}
                  />
                  <TextInput
                    label="Coupon code"
                    value={d.friendCode}
                    onChange={(e) => set("friendCode", e.currentTarget.value)}
                    disabled={!canManage}
                  />
                </>
              ) : null}
            </Stack>
          </SimpleGrid>
          {settings.tiers.length > 0 ? (
            <Text size="xs" c="dimmed" mt="xs">
              Tiers:{" "}
              {settings.tiers
                .map(
                  (t) =>
                    `after ${t.afterReferrals} referrals, ${t.reward.type === "fixed" ? `${t.reward.points} pts` : `${t.reward.percent}%`}`,
                )
                .join("; ")}
            </Text>
          ) : null}
        </section>
        <section>
          <Title order={2} fz="md" mb="xs">
            Payout
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label="Hold period (days)"
              description="Rewards are posted this long after the payment"
              min={0}
              max={365}
              value={d.holdDays}
              onChange={(v) => set("holdDays", v)}
              error={field("holdDays")}
              disabled={!canManage}
            />
            <NumberInput
              label="Minimum amount"
              description="Smaller first payments earn no reward"
              min={0}
              value={d.minAmount}
              onChange={(v) => set("minAmount", v)}
              error={field("minAmount")}
              disabled={!canManage}
            />
          </SimpleGrid>
        </section>
        <section>
          <Title order={2} fz="md" mb="xs">
            Attribution and fraud
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label="Attribution window (days)"
              min={1}
              max={730}
              value={d.attributionWindowDays}
              onChange={(v) => set("attributionWindowDays", v)}
              error={field("attributionWindowDays")}
              disabled={!canManage}
            />
            <Select
              label="Attribution rule"
              description="When several advocates touched the same friend"
              data={[
                { value: "last_click", label: "Last click gets the credit" },
                { value: "first_click", label: "First click gets the credit" },
              ]}
              value={d.attributionRule}
              onChange={(v) => v && set("attributionRule", v as Draft["attributionRule"])}
              allowDeselect={false}
              error={field("attributionRule")}
              disabled={!canManage}
            />
            <NumberInput
              label="Fraud threshold"
              description="A score (0–100) at or above this goes to review"
              min={1}
              max={100}
              value={d.fraudThreshold}
              onChange={(v) => set("fraudThreshold", v)}
              error={field("fraudThreshold")}
              disabled={!canManage}
            />
            <Select
              label="Audience"
              description="Consumer: a friend on the advocate's own email domain is suspicious"
              data={[
                { value: "business", label: "Business" },
                { value: "consumer", label: "Consumer" },
              ]}
              value={d.audience}
              onChange={(v) => v && set("audience", v as Draft["audience"])}
              allowDeselect={false}
              error={field("audience")}
              disabled={!canManage}
            />
          </SimpleGrid>
        </section>
        {canManage ? (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save rules
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
