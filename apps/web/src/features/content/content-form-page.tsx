import {
  Button,
  Card,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useNavigate, useParams } from "react-router";
import type { Content, ContentDetail, CreateContentInput } from "../../api/types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { plainText } from "../../ui/rich-text.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { ContactSelect } from "../referrals/contact-select.tsx";
import { useContent, useSaveContent } from "./content.api.ts";
import { attributionLabels, channelLabels, kindLabels } from "./content-bits.tsx";

interface Values {
  kind: Content["kind"];
  title: string;
  body: string;
  contactId: string | null;
  attribution: Content["attribution"];
  channels: string[];
  usableUntil: string;
  disclosure: string;
}

const valuesOf = (item?: ContentDetail): Values => ({
  kind: item?.kind ?? "testimonial",
  title: item?.title ?? "",
  body: item ? plainText(item.body) : "",
  contactId: item?.contactId ?? null,
  attribution: item?.attribution ?? "full",
  channels: item?.channels ?? ["website", "sales"],
  usableUntil: item?.usableUntil?.slice(0, 10) ?? "",
  disclosure: item?.disclosure ?? "",
});

export function NewContentPage() {
  return (
    <>
      <PageHeader title="New content" back={{ to: "/content", label: "Content" }} />
      <ContentForm />
    </>
  );
}

export function EditContentPage() {
  const { id = "" } = useParams();
  const item = useContent(id);
  return (
    <>
      <PageHeader title="Edit content" back={{ to: `/content/${id}`, label: item.data?.title ?? "Content" }} />
      {item.isPending ? (
        <Card>
          <CardSkeleton lines={6} />
        </Card>
      ) : item.isError ? (
        <ErrorState error={item.error} onRetry={() => item.refetch()} />
      ) : (
        <ContentForm item={item.data} />
      )}
    </>
  );
}

const known = ["kind", "title", "body", "contactId", "attribution", "channels", "usableUntil", "disclosure"];

function ContentForm({ item }: { item?: ContentDetail }) {
  const navigate = useNavigate();
  const save = useSaveContent(item?.id);
  const [values, setValues] = useState(() => valuesOf(item));
  const { field, general } = fieldErrorsOf(save.error, known);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const approved = item && (item.status === "approved" || item.status === "published");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const all: Record<string, unknown> = {
      kind: values.kind,
      title: values.title,
      body: values.body,
      attribution: values.attribution,
      channels: values.channels,
      usableUntil: values.usableUntil ? new Date(`${values.usableUntil}T23:59:59Z`).toISOString() : null,
      contactId: values.contactId,
      disclosure: values.disclosure.trim() || null,
    };
    // An edit sends only what changed: the stored text is HTML and the term a full timestamp, so sending
    // the form's rendering of them back would make a new version the advocate must approve again.
    const initial = valuesOf(item);
    const input = (
      item
        ? Object.fromEntries(
            Object.entries(all).filter(
              ([key]) =>
                key !== "contactId" &&
                JSON.stringify(values[key as keyof Values]) !== JSON.stringify(initial[key as keyof Values]),
            ),
          )
        : all
    ) as CreateContentInput;
    save.mutate(input, {
      onSuccess: (saved) => {
        notifications.show({
          color: "teal",
          title: item ? "Saved" : "Draft created",
          message: saved.status === "draft" ? "Send it to the advocate for approval when it is ready." : saved.title,
        });
        navigate(`/content/${saved.id}`);
      },
    });
  };

  return (
    <Card>
      <form onSubmit={submit} noValidate aria-label={item ? "Edit content" : "New content"}>
        <Stack gap="md">
          <FormError message={general} />
          {approved ? (
            <Text size="sm" c="orange">
              The advocate approved version {item.approvedVersion}. Changing the words, credit line, channels or term
              takes it out of use until they approve the new version.
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="Kind"
              data={Object.entries(kindLabels).map(([value, label]) => ({ value, label }))}
              value={values.kind}
              onChange={(value) => value && set("kind", value as Values["kind"])}
              allowDeselect={false}
              error={field("kind")}
            />
            {item ? (
              <TextInput label="Advocate" value={item.contactName ?? "None named"} readOnly />
            ) : (
              <ContactSelect
                label="Advocate (who approves it)"
                value={values.contactId}
                onChange={(value) => set("contactId", value)}
                error={field("contactId")}
              />
            )}
          </SimpleGrid>
          <TextInput
            label="Title"
            required
            value={values.title}
            onChange={(e) => set("title", e.currentTarget.value)}
            error={field("title")}
          />
          <Textarea
            label="The words"
            description="Exactly as they will be used; the advocate approves this text"
            required
            autosize
            minRows={5}
            value={values.body}
            onChange={(e) => set("body", e.currentTarget.value)}
            error={field("body")}
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              Credit line
            </Text>
            <SegmentedControl
              aria-label="Credit line"
              value={values.attribution}
              onChange={(value) => set("attribution", value as Values["attribution"])}
              data={Object.entries(attributionLabels).map(([value, label]) => ({ value, label }))}
            />
          </div>
          <Checkbox.Group
            label="May be used on"
            value={values.channels}
            onChange={(value) => set("channels", value)}
            error={field("channels")}
          >
            <Group gap="md" mt={6}>
              {Object.entries(channelLabels).map(([value, label]) => (
                <Checkbox key={value} value={value} label={label} />
              ))}
            </Group>
          </Checkbox.Group>
          <TextInput
            type="date"
            label="Usable until (optional)"
            description="When the right to use it ends; blank: no end agreed"
            value={values.usableUntil}
            onChange={(e) => set("usableUntil", e.currentTarget.value)}
            error={field("usableUntil")}
            w={240}
          />
          <TextInput
            label="Disclosure (optional)"
            description="Shown with it wherever it is used, e.g. that the advocate was rewarded for it"
            value={values.disclosure}
            onChange={(e) => set("disclosure", e.currentTarget.value)}
            error={field("disclosure")}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => navigate(item ? `/content/${item.id}` : "/content")}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {item ? "Save changes" : "Create draft"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
