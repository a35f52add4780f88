/** A file sent with a mail (a data export's JSON); text content, sent as UTF-8. */
export type MailAttachment = { filename: string; contentType: string; content: string };

/** One plain-text mail to one address. The SMTP adapter and the dev outbox implement this. */
export type MailMessage = { to: string; subject: string; text: string; attachments?: MailAttachment[] };

/** Sends one mail. Rejects when the message could not be handed to the mail server. */
export type MailAdapter = { send(message: MailMessage): Promise<void> };
