/** E-mails over SMTP (nodemailer): one transport for the process, closed at shutdown. */
import { createRequire } from 'node:module';
import type nodemailer from 'nodemailer';
import type { Config } from '../config/schema.ts';
import type { Email } from './compose.ts';

export interface Mailer {
  send(to: readonly string[], email: Email): Promise<void>;
  close(): void;
}

export type SmtpConfig = NonNullable<Config['notifications']['smtp']>;

export function smtpMailer(smtp: SmtpConfig): Mailer {
  // Loaded when SMTP is configured: every CLI import of an installation without mail skipped it
  // at start (nodemailer is CommonJS: a plain require).
  const { createTransport } = createRequire(import.meta.url)('nodemailer') as typeof nodemailer;
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user !== undefined ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
    // A stuck SMTP server must not hold a notification (or a shutdown) for minutes.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    async send(to, email) {
      await transport.sendMail({ from: smtp.from, to: [...to], subject: email.subject, text: email.text });
    },
    close: () => transport.close(),
  };
}
