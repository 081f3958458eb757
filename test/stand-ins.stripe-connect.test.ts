import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeClient } from '../src/billing/stripe-client.js';
import { STRIPE_CONNECT_WEBHOOK_SECRET, STRIPE_SECRET_KEY, startStripeStandIn } from './helpers/billing.js';
import type { StripeStandIn } from './stand-ins/stripe.js';

let standIn: StripeStandIn;
let stripe: Stripe;
let receiver: Server;
const received: Stripe.Event[] = [];

beforeAll(async () => {
  standIn = await startStripeStandIn();
  stripe = createStripeClient({ secretKey: STRIPE_SECRET_KEY, apiBaseUrl: standIn.url } as Parameters<typeof createStripeClient>[0]);
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      // The platform verifies Connect events with its own secret, exactly like this.
      received.push(stripe.webhooks.constructEvent(Buffer.concat(chunks), String(request.headers['stripe-signature']), STRIPE_CONNECT_WEBHOOK_SECRET));
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  standIn.connectWebhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await standIn.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function onboardedAccount(): Promise<Stripe.Account> {
  const account = await stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true } } });
  await standIn.completeOnboarding(account.id);
  return account;
}

describe('stand-ins.stripe-connect', () => {
  it('makes an Express account that cannot be paid until onboarding, which the Account Link page completes with a signed account.updated', async () => {
    const account = await stripe.accounts.create({ type: 'express', metadata: { tenant_id: 't1' } });
    expect(account).toMatchObject({ object: 'account', type: 'express', payouts_enabled: false, details_submitted: false, charges_enabled: false });
    expect(account.id).toMatch(/^acct_/);

    const link = await stripe.accountLinks.create({ account: account.id, type: 'account_onboarding', return_url: 'http://localhost/app/creator?onboarding=done', refresh_url: 'http://localhost/app/creator?onboarding=retry' });
    expect(link.object).toBe('account_link');
    expect(link.expires_at).toBeGreaterThan(link.created);
    const page = await fetch(link.url);
    expect(await page.text()).toContain('Complete onboarding');
    const action = /action="([^"]+)"/.exec(await (await fetch(link.url)).text())?.[1] ?? '';
    const done = await fetch(new URL(action, standIn.url), { method: 'POST', redirect: 'manual' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('http://localhost/app/creator?onboarding=done');

    const updated = received.find((event) => event.type === 'account.updated' && event.account === account.id);
    expect((updated?.data.object as Stripe.Account | undefined)?.payouts_enabled).toBe(true);
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({ payouts_enabled: true, details_submitted: true });
  });

  it('refuses a Transfer to an account without payouts, with Stripe’s invalid request error', async () => {
    const account = await stripe.accounts.create({ type: 'express' });
    const refused = await stripe.transfers.create({ amount: 500, currency: 'usd', destination: account.id }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((refused as Stripe.errors.StripeError).statusCode).toBe(400);
  });

  it('makes a Transfer once per idempotency key, lists it by transfer_group, and reverses it with a signed transfer.reversed', async () => {
    const account = await onboardedAccount();
    const params = { amount: 1_234, currency: 'usd', destination: account.id, transfer_group: 'payout-a', metadata: { payout_id: 'payout-a' } };
    const first = await stripe.transfers.create(params, { idempotencyKey: 'payout-payout-a' });
    const again = await stripe.transfers.create(params, { idempotencyKey: 'payout-payout-a' });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ object: 'transfer', amount: 1_234, destination: account.id, transfer_group: 'payout-a', metadata: { payout_id: 'payout-a' }, reversed: false });

    const listed = await stripe.transfers.list({ transfer_group: 'payout-a', limit: 10 });
    expect(listed.data.map((transfer) => transfer.id)).toEqual([first.id]);
    expect((await stripe.transfers.retrieve(first.id)).amount).toBe(1_234);

    // Stripe forgets keys after 24 hours: the same key then makes a second Transfer, which is why the job lists first.
    standIn.forgetIdempotencyKeys();
    await stripe.transfers.create(params, { idempotencyKey: 'payout-payout-a' });
    expect((await stripe.transfers.list({ transfer_group: 'payout-a' })).data).toHaveLength(2);

    const reversal = await stripe.transfers.createReversal(first.id);
    expect(reversal).toMatchObject({ object: 'transfer_reversal', amount: 1_234, transfer: first.id });
    await expect.poll(() => received.some((event) => event.type === 'transfer.reversed' && (event.data.object as Stripe.Transfer).id === first.id)).toBe(true);
    expect((await stripe.transfers.retrieve(first.id)).reversed).toBe(true);
  });

  it('pages through every Transfer with the SDK’s auto-pagination', async () => {
    const account = await onboardedAccount();
    for (let i = 0; i < 12; i += 1) await stripe.transfers.create({ amount: 100 + i, currency: 'usd', destination: account.id, transfer_group: 'paging' });
    const all: Stripe.Transfer[] = [];
    for await (const transfer of stripe.transfers.list({ limit: 5 })) if (transfer.transfer_group === 'paging') all.push(transfer);
    expect(all).toHaveLength(12);
  });

  it('holds the answer to an accepted Transfer until released: Stripe has it, the caller does not yet', async () => {
    const account = await onboardedAccount();
    const held = standIn.holdTransferAnswers();
    let answered = false;
    const request = stripe.transfers.create({ amount: 700, currency: 'usd', destination: account.id, transfer_group: 'held' }, { idempotencyKey: 'held-1' }).then((transfer) => {
      answered = true;
      return transfer;
    });
    const transfer = await held;
    expect((await stripe.transfers.list({ transfer_group: 'held' })).data.map((row) => row.id)).toEqual([transfer.id]);
    expect(answered).toBe(false);
    standIn.releaseTransferAnswers();
    expect((await request).id).toBe(transfer.id);
  });
});
