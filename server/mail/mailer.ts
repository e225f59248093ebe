// Outgoing e-mail through SMTP_URL (nodemailer). Without SMTP_URL nothing is ever sent: callers
// get `null` and say so (the lägesbild page shows that partners are not e-mailed).
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** A mailer for the SMTP URL (smtp://user:pass@host:port or smtps://…), or null when none is configured. */
export function makeMailer(smtpUrl: string | null | undefined, from = 'Trygghetskartan <noreply@trygghetskartan.local>'): Mailer | null {
  if (!smtpUrl) return null;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
