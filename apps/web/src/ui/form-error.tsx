import { Alert } from "@mantine/core";
import { ApiError, messageOf } from "../api/api-error.ts";
import { capitalize } from "./format.ts";
import { AlertIcon } from "./icons.tsx";

/**
 * A form's server errors: `field(name)` is the message to show next to that field; `<FormError>`
 * shows the rest (an error with no field, or one on a field the form does not have).
 */
export function fieldErrorsOf(error: unknown, known: readonly string[]) {
  const map = error instanceof ApiError ? error.fieldMap() : {};
  const field = (name: string) => {
    const hit = Object.entries(map).find(([key]) => key === name || key.startsWith(`${name}.`));
    return hit ? capitalize(hit[1]) : undefined;
  };
  const unplaced = Object.keys(map).filter((key) => !known.some((k) => key === k || key.startsWith(`${k}.`)));
  const general = error
    ? Object.keys(map).length === 0
      ? capitalize(messageOf(error))
      : unplaced.length > 0
        ? unplaced.map((k) => `${k}: ${map[k]}`).join("; ")
        : null
    : null;
  return { field, general };
}

export function FormError({ message, title = "Could not save" }: { message: string | null; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" icon={<AlertIcon />} title={title} role="alert">
      {message}
    </Alert>
  );
}
