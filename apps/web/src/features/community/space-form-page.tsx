import { Button, Card, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useNavigate, useParams } from "react-router";
import type { CreateSpaceInput, Space, SpaceDetail } from "../../api/types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { blankToNull } from "../../ui/format.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { plainText } from "../../ui/rich-text.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useSaveSpace, useSpace } from "./community.api.ts";
import { optionsOf, spaceKindLabels, visibilityLabels } from "./community-bits.tsx";

interface Values {
  name: string;
  kind: Space["kind"];
  region: string;
  visibility: Space["visibility"];
  status: Space["status"];
  description: string;
}

const valuesOf = (space?: SpaceDetail): Values => ({
  name: space?.name ?? "",
  kind: space?.kind ?? "user_group",
  region: space?.region ?? "",
  visibility: space?.visibility ?? "open",
  status: space?.status ?? "active",
  description: space ? plainText(space.description) : "",
});

export function NewSpacePage() {
  return (
    <>
      <PageHeader title="New space" back={{ to: "/community?tab=spaces", label: "Spaces" }} />
      <SpaceForm />
    </>
  );
}

export function EditSpacePage() {
  const { id = "" } = useParams();
  const space = useSpace(id);
  return (
    <>
      <PageHeader title="Edit space" back={{ to: `/community/spaces/${id}`, label: space.data?.name ?? "Space" }} />
      {space.isPending ? (
        <Card>
          <CardSkeleton lines={5} />
        </Card>
      ) : space.isError ? (
        <ErrorState error={space.error} onRetry={() => space.refetch()} />
      ) : (
        <SpaceForm space={space.data} />
      )}
    </>
  );
}

const known = ["name", "kind", "region", "visibility", "status", "description"];

function SpaceForm({ space }: { space?: SpaceDetail }) {
  const navigate = useNavigate();
  const save = useSaveSpace(space?.id);
  const [values, setValues] = useState(() => valuesOf(space));
  const { field, general } = fieldErrorsOf(save.error, known);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const all: Record<string, unknown> = {
      name: values.name,
      kind: values.kind,
      region: blankToNull(values.region),
      visibility: values.visibility,
      description: values.description,
      ...(space ? { status: values.status } : {}),
    };
    // An edit leaves the stored description (HTML) alone unless its text was changed.
    const input =
      space && values.description === valuesOf(space).description ? { ...all, description: undefined } : all;
    save.mutate(input as CreateSpaceInput, {
      onSuccess: (saved) => {
        notifications.show({ color: "teal", title: space ? "Saved" : "Space created", message: saved.name });
        navigate(`/community/spaces/${saved.id}`);
      },
    });
  };

  return (
    <Card>
      <form onSubmit={submit} noValidate aria-label={space ? "Edit space" : "New space"}>
        <Stack gap="md">
          <FormError message={general} />
          <TextInput
            label="Name"
            required
            value={values.name}
            onChange={(e) => set("name", e.currentTarget.value)}
            error={field("name")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="Kind"
              data={optionsOf(spaceKindLabels)}
              value={values.kind}
              onChange={(value) => value && set("kind", value as Values["kind"])}
              allowDeselect={false}
              error={field("kind")}
            />
            <TextInput
              label="Region (optional)"
              placeholder="e.g. EMEA, Berlin, Online"
              value={values.region}
              onChange={(e) => set("region", e.currentTarget.value)}
              error={field("region")}
            />
            <Select
              label="Who joins"
              data={optionsOf(visibilityLabels)}
              value={values.visibility}
              onChange={(value) => value && set("visibility", value as Values["visibility"])}
              allowDeselect={false}
              error={field("visibility")}
            />
            {space ? (
              <Select
                label="Status"
                description="Archived: no new members or events"
                data={[
                  { value: "active", label: "Active" },
                  { value: "archived", label: "Archived" },
                ]}
                value={values.status}
                onChange={(value) => value && set("status", value as Values["status"])}
                allowDeselect={false}
                error={field("status")}
              />
            ) : null}
          </SimpleGrid>
          <Textarea
            label="Description"
            description="Shown to advocates in their hub"
            autosize
            minRows={3}
            value={values.description}
            onChange={(e) => set("description", e.currentTarget.value)}
            error={field("description")}
          />
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={() => navigate(space ? `/community/spaces/${space.id}` : "/community?tab=spaces")}
            >
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {space ? "Save changes" : "Create space"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
