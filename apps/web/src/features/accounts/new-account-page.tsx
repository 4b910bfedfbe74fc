import { Card } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "react-router";
import { PageHeader } from "../../ui/page-header.tsx";
import { AccountForm, accountValuesOf, toAccountPayload } from "./account-form.tsx";
import { useCreateAccount } from "./accounts.api.ts";

export function NewAccountPage() {
  const create = useCreateAccount();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="New account" description="A customer company." back={{ to: "/accounts", label: "Accounts" }} />
      <Card maw={860}>
        <AccountForm
          initial={accountValuesOf()}
          submitLabel="Create account"
          pending={create.isPending}
          error={create.error}
          onCancel={() => navigate("/accounts")}
          onSubmit={(values) =>
            create.mutate(toAccountPayload(values), {
              onSuccess: (account) => {
                notifications.show({ color: "teal", title: "Account created", message: account.name });
                navigate(`/accounts/${account.id}`, { replace: true });
              },
            })
          }
        />
      </Card>
    </>
  );
}
