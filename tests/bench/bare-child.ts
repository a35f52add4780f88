/**
 * The baseline server: bare Fastify in its own process, with no database, no auth and no
 * validation. `GET /bare` answers a JSON body of exactly argv[2] bytes (the size of the hub
 * answer it stands beside); `POST /bare` answers a small JSON object, like an OTP request
 * or verify. Sends `{ type: 'ready', url }` to the parent; exits when the parent disconnects.
 */
import Fastify from 'fastify';
import { jsonBodyOfSize } from './report';

async function main(): Promise<void> {
  const bytes = Number(process.argv[2]);
  if (!Number.isInteger(bytes) || bytes <= 0) throw new Error('usage: bare-child <body bytes>');
  const body = jsonBodyOfSize(bytes);
  const app = Fastify({ logger: false });
  app.get('/bare', (_req, reply) => {
    void reply.type('application/json; charset=utf-8').send(body);
  });
  app.post('/bare', (_req, reply) => {
    void reply.send({ requestId: '0195f3b2-7c1d-7000-8000-000000000000', maskedPhone: '+84 *** *** 678' });
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
  process.send?.({ type: 'ready', url });
}

main().catch((err: unknown) => {
  process.stderr.write(`bare-child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
