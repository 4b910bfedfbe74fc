import { Card } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate, useSearchParams } from "react-router";
import { personName } from "../../ui/format.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { ContactForm, toPayload, valuesOf } from "./contact-form.tsx";
import { useCreateContact } from "./contacts.api.ts";

export function NewContactPage() {
  const create = useCreateContact();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const accountId = params.get("accountId");
  const back = accountId ? { to: `/accounts/${accountId}`, label: "Account" } : { to: "/contacts", label: "Contacts" };

  return (
    <>
      <PageHeader title="New contact" description="A person at one of your customers." back={back} />
      <Card maw={860}>
        <ContactForm
          initial={valuesOf(undefined, { accountId })}
          submitLabel="Create contact"
          pending={create.isPending}
          error={create.error}
          onCancel={() => navigate(back.to)}
          onSubmit={(values) =>
            create.mutate(toPayload(values), {
              onSuccess: (contact) => {
                notifications.show({ color: "teal", title: "Contact created", message: personName(contact) });
                navigate(`/contacts/${contact.id}`, { replace: true });
              },
            })
          }
        />
      </Card>
    </>
  );
}
