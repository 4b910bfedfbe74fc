export {
  DELIVER_EMAIL,
  type DeliveryOptions,
  deliverPendingEmail,
  deliverQueuedEmail,
  listOutbox,
  type MailTransport,
  type OutgoingEmail,
  queueEmail,
  smtpTransport,
} from "./email.ts";
