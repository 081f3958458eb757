/**
 * A local stand-in for the parts of Stripe's HTTP API this project calls, for tests and for
 * trying billing on a laptop (`npm run stripe:stand-in`). It speaks Stripe's wire format:
 * form-encoded requests with bracketed keys, `Authorization: Bearer sk_…`, `Idempotency-Key`
 * replay, and Stripe's error shape. Completing a checkout sends the webhook events Stripe would
 * send, signed with the official SDK's test-header helper, in order or shuffled.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import qs from 'qs';
import Stripe from 'stripe';
import { StripeConnect, type ConnectOptions } from './stripe-connect.js';
import { escapeHtml, header, html, id, now, required, send, StripeError, type StripeObject } from './stripe-wire.js';

export interface StandInPrice {
  unitAmount: number;
  recurring: boolean;
}

export interface StripeStandInOptions extends ConnectOptions {
  /** The secret key clients must present. */
  secretKey: string;
  /** Signs the webhook events. */
  webhookSecret: string;
  /** Where events are delivered (the platform's `POST /webhooks/stripe`). */
  webhookUrl?: string;
  prices: Record<string, StandInPrice>;
  port?: number;
  host?: string;
}

export interface Delivery {
  event: StripeObject & { type: string; created: number };
  status: number;
  body: string;
}

export interface InvoiceOptions {
  /** The end of the usage period the invoice bills (unix seconds; default now). */
  periodEnd?: number;
  /** Also send `invoice.payment_succeeded` for the same invoice, as Stripe does. */
  alsoPaymentSucceeded?: boolean;
}

export interface CompleteOptions {
  /** Deliver the events in a random order (Stripe does not promise order). */
  shuffle?: boolean;
  /**
   * A delayed payment method (a bank debit): the session completes `unpaid` and the outcome comes
   * later with `settleDelayedPayment`.
   */
  delayed?: boolean;
}

export class StripeStandIn {
  readonly customers = new Map<string, StripeObject>();
  readonly checkoutSessions = new Map<string, StripeObject>();
  readonly subscriptions = new Map<string, StripeObject>();
  /** Charges of paid one-time payments, by payment intent. */
  readonly charges = new Map<string, StripeObject>();
  readonly portalSessions = new Map<string, StripeObject>();
  /** Accepted meter events, by identifier. */
  readonly meterEvents = new Map<string, StripeObject>();
  /** Every API request received: method, path and whether it carried an idempotency key. */
  readonly requests: { method: string; path: string; idempotencyKey: string | undefined }[] = [];
  readonly deliveries: Delivery[] = [];
  /** Connect events delivered to `connectWebhookUrl`, with the platform's answers. */
  readonly connectDeliveries: Delivery[] = [];
  webhookUrl: string | undefined;
  /** Where Connect events go (the platform's `POST /webhooks/stripe/connect`). */
  connectWebhookUrl: string | undefined;
  /** Connect: accounts, account links, transfers and their reversals. */
  readonly connect: StripeConnect = new StripeConnect({
    baseUrl: () => this.url,
    deliverConnect: (type, object, account) => this.deliverConnect(type, object, account),
  });
  private held: Delivery['event'][] | undefined;
  private readonly idempotent = new Map<string, { status: number; body: string }>();
  private readonly failures = new Map<string, number>();
  private readonly signer = new Stripe('sk_test_signer');
  private clock = now();
  private server: Server | undefined;
  url = '';

  constructor(private readonly options: StripeStandInOptions) {
    this.webhookUrl = options.webhookUrl;
    this.connectWebhookUrl = options.connectWebhookUrl;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve));
    const address = this.server.address() as AddressInfo;
    this.url = `http://${this.options.host ?? '127.0.0.1'}:${address.port}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Answers the next `times` requests to `path` with a Stripe API error of `status`. */
  failNext(path: string, times: number, status = 500): void {
    this.failures.set(path, (this.failures.get(path) ?? 0) + times);
    this.failStatus.set(path, status);
  }
  private readonly failStatus = new Map<string, number>();

  /** Stops failing requests. */
  clearFailures(): void {
    this.failures.clear();
  }

  /** Forgets every idempotency key, as Stripe does after 24 hours: a repeated key then makes a new object. */
  forgetIdempotencyKeys(): void {
    this.idempotent.clear();
  }

  /** The creator finishes Connect onboarding; `account.updated` goes to the Connect URL. */
  completeOnboarding(accountId: string): Promise<unknown> {
    return this.connect.completeOnboarding(accountId);
  }

  /** Holds the answers to accepted Transfers; resolves with the first one held (see StripeConnect). */
  holdTransferAnswers(): Promise<StripeObject> {
    return this.connect.holdTransferAnswers();
  }

  releaseTransferAnswers(): void {
    this.connect.releaseTransferAnswers();
  }

  /** A strictly increasing event timestamp, so ordering by `created` is unambiguous. */
  private tick(): number {
    this.clock = Math.max(this.clock + 1, now());
    return this.clock;
  }

  // --- the API -------------------------------------------------------------------------------

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', this.url);
    try {
      if (url.pathname.startsWith('/v1/')) return await this.api(request, response, url, raw);
      return await this.pages(request, response, url, raw);
    } catch (error) {
      const failure = error instanceof StripeError ? error : new StripeError(500, 'api_error', String(error));
      send(response, failure.status, { error: { type: failure.type, message: failure.message, ...(failure.code && { code: failure.code }) } });
    }
  }

  private async api(request: IncomingMessage, response: ServerResponse, url: URL, raw: string): Promise<void> {
    const path = url.pathname;
    const key = header(request, 'idempotency-key');
    this.requests.push({ method: request.method ?? 'GET', path, idempotencyKey: key });
    const auth = header(request, 'authorization');
    if (auth !== `Bearer ${this.options.secretKey}`) {
      throw new StripeError(401, 'invalid_request_error', 'Invalid API Key provided.');
    }
    const remaining = this.failures.get(path) ?? 0;
    if (remaining > 0) {
      this.failures.set(path, remaining - 1);
      throw new StripeError(this.failStatus.get(path) ?? 500, 'api_error', 'The stand-in was told to fail this request.');
    }
    const cacheKey = key && `${path}:${key}`;
    const cached = cacheKey ? this.idempotent.get(cacheKey) : undefined;
    if (cached) {
      response.writeHead(cached.status, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
      response.end(cached.body);
      return;
    }
    if (request.method === 'GET') {
      const found = this.connect.get(path, qs.parse(url.search.slice(1)) as Record<string, unknown>);
      if (!found) throw new StripeError(404, 'invalid_request_error', `Unrecognized request URL (GET: ${path}).`);
      return send(response, 200, found);
    }
    if (request.method !== 'POST') throw new StripeError(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${path}).`);
    const params = qs.parse(raw) as Record<string, unknown>;
    let result: StripeObject;
    try {
      result = this.connect.post(path, params) ?? this.route(path, params);
    } catch (error) {
      if (!(error instanceof StripeError) || !cacheKey) throw error;
      const body = JSON.stringify({ error: { type: error.type, message: error.message, ...(error.code && { code: error.code }) } });
      this.idempotent.set(cacheKey, { status: error.status, body });
      throw error;
    }
    const body = JSON.stringify(result);
    if (cacheKey) this.idempotent.set(cacheKey, { status: 200, body });
    if (path === '/v1/transfers') await this.connect.beforeTransferAnswer(result);
    if (response.destroyed) return;
    response.writeHead(200, { 'content-type': 'application/json', 'request-id': id('req') });
    response.end(body);
  }

  private route(path: string, params: Record<string, unknown>): StripeObject {
    if (path === '/v1/customers') return this.createCustomer(params);
    if (path === '/v1/checkout/sessions') return this.createCheckoutSession(params);
    if (path === '/v1/billing_portal/sessions') return this.createPortalSession(params);
    if (path === '/v1/billing/meter_events') return this.createMeterEvent(params);
    throw new StripeError(404, 'invalid_request_error', `Unrecognized request URL (POST: ${path}).`);
  }

  private createCustomer(params: Record<string, unknown>): StripeObject {
    const customer = { id: id('cus'), object: 'customer', email: params.email ?? null, name: params.name ?? null, metadata: params.metadata ?? {}, created: now(), livemode: false };
    this.customers.set(customer.id, customer);
    return customer;
  }

  private createCheckoutSession(params: Record<string, unknown>): StripeObject {
    const mode = required(params, 'mode');
    if (mode !== 'payment' && mode !== 'subscription') throw new StripeError(400, 'invalid_request_error', `Invalid mode: ${mode}`, 'parameter_invalid_empty');
    const customer = required(params, 'customer');
    if (!this.customers.has(customer)) throw new StripeError(400, 'invalid_request_error', `No such customer: '${customer}'`, 'resource_missing');
    const items = (params.line_items as { price?: string; quantity?: string }[] | undefined) ?? [];
    const item = items[0];
    const price = item?.price ? this.options.prices[item.price] : undefined;
    if (!item?.price || !price) throw new StripeError(400, 'invalid_request_error', `No such price: '${item?.price ?? ''}'`, 'resource_missing');
    if (price.recurring !== (mode === 'subscription')) {
      throw new StripeError(400, 'invalid_request_error', `The price ${item.price} cannot be used in ${mode} mode.`);
    }
    const sessionId = id('cs_test');
    const session = {
      id: sessionId,
      object: 'checkout.session',
      mode,
      customer,
      status: 'open',
      payment_status: 'unpaid',
      client_reference_id: params.client_reference_id ?? null,
      metadata: params.metadata ?? {},
      subscription_data: params.subscription_data ?? null,
      success_url: required(params, 'success_url'),
      cancel_url: params.cancel_url ?? null,
      amount_total: price.unitAmount * Number(item.quantity ?? 1),
      currency: 'usd',
      line_items: { data: [{ price: { id: item.price }, quantity: Number(item.quantity ?? 1) }] },
      subscription: null,
      payment_intent: null,
      url: `${this.url}/checkout/${sessionId}`,
      created: now(),
      livemode: false,
    };
    this.checkoutSessions.set(sessionId, session);
    return session;
  }

  private createPortalSession(params: Record<string, unknown>): StripeObject {
    const customer = required(params, 'customer');
    if (!this.customers.has(customer)) throw new StripeError(400, 'invalid_request_error', `No such customer: '${customer}'`, 'resource_missing');
    const portalId = id('bps');
    const portal = { id: portalId, object: 'billing_portal.session', customer, return_url: params.return_url ?? null, url: `${this.url}/portal/${portalId}`, created: now(), livemode: false };
    this.portalSessions.set(portalId, portal);
    return portal;
  }

  private createMeterEvent(params: Record<string, unknown>): StripeObject {
    const eventName = required(params, 'event_name');
    const payload = (params.payload as Record<string, string> | undefined) ?? {};
    if (!payload.stripe_customer_id || !payload.value) throw new StripeError(400, 'invalid_request_error', 'payload[stripe_customer_id] and payload[value] are required.', 'parameter_missing');
    const identifier = typeof params.identifier === 'string' ? params.identifier : id('mev');
    if (this.meterEvents.has(identifier)) {
      throw new StripeError(400, 'invalid_request_error', `An event with identifier ${identifier} already exists.`, 'duplicate_meter_event');
    }
    const event = { id: identifier, object: 'billing.meter_event', event_name: eventName, identifier, payload, timestamp: Number(params.timestamp ?? now()), created: now(), livemode: false };
    this.meterEvents.set(identifier, event);
    return event;
  }

  // --- what Stripe does after a customer pays ----------------------------------------------------

  /** Pays an open checkout session and delivers the events Stripe would send. */
  async completeCheckout(sessionId: string, options: CompleteOptions = {}): Promise<Delivery[]> {
    const session = this.checkoutSessions.get(sessionId);
    if (!session) throw new Error(`no checkout session ${sessionId}`);
    if (session.status === 'complete') throw new Error(`checkout session ${sessionId} is already complete`);
    session.status = 'complete';
    session.payment_status = options.delayed ? 'unpaid' : 'paid';
    const events: Delivery['event'][] = [];
    if (session.mode === 'subscription') {
      const line = (session.line_items as { data: { price: { id: string } }[] }).data[0];
      const subscription: StripeObject = {
        id: id('sub'),
        object: 'subscription',
        customer: session.customer,
        // A first invoice paid by a delayed method leaves the subscription incomplete until it settles.
        status: options.delayed ? 'incomplete' : 'active',
        cancel_at_period_end: false,
        metadata: (session.subscription_data as { metadata?: unknown } | null)?.metadata ?? session.metadata,
        items: { data: [{ price: { id: line?.price.id }, current_period_end: now() + 30 * 86_400 }] },
        created: now(),
      };
      this.subscriptions.set(subscription.id, subscription);
      session.subscription = subscription.id;
      events.push(this.event('customer.subscription.created', { ...subscription }));
      events.push(this.event('checkout.session.completed', { ...session }));
      if (!options.delayed) events.push(this.event('invoice.paid', this.invoice(subscription, 'paid')));
    } else {
      session.payment_intent = id('pi');
      if (session.payment_status === 'paid') this.charge(session);
      events.push(this.event('checkout.session.completed', { ...session }));
    }
    return this.deliver(options.shuffle ? shuffled(events) : events);
  }

  /** The outcome of a delayed payment, days later. */
  async settleDelayedPayment(sessionId: string, succeeded: boolean): Promise<Delivery[]> {
    const session = this.checkoutSessions.get(sessionId);
    if (!session || session.status !== 'complete' || session.payment_status !== 'unpaid') throw new Error(`no unpaid checkout session ${sessionId}`);
    const events: Delivery['event'][] = [];
    if (succeeded) {
      session.payment_status = 'paid';
      if (session.mode === 'payment') this.charge(session);
    }
    const subscription = typeof session.subscription === 'string' ? this.subscriptions.get(session.subscription) : undefined;
    if (subscription) {
      subscription.status = succeeded ? 'active' : 'incomplete_expired';
      events.push(this.event('customer.subscription.updated', { ...subscription }));
      if (succeeded) events.push(this.event('invoice.paid', this.invoice(subscription, 'paid')));
    }
    const type = succeeded ? 'checkout.session.async_payment_succeeded' : 'checkout.session.async_payment_failed';
    events.push(this.event(type, { ...session }));
    return this.deliver(events);
  }

  /** Refunds `amount` cents of a payment's charge (the rest when omitted), as the Dashboard would. */
  async refund(paymentIntentId: string, amount?: number): Promise<Delivery[]> {
    const charge = this.mustCharge(paymentIntentId);
    const remaining = Number(charge.amount) - Number(charge.amount_refunded);
    const refunded = Number(charge.amount_refunded) + Math.min(amount ?? remaining, remaining);
    Object.assign(charge, { amount_refunded: refunded, refunded: refunded === Number(charge.amount) });
    return this.deliver([this.event('charge.refunded', { ...charge })]);
  }

  /** A cardholder's dispute of a payment, closed `lost` or `won`. */
  async closeDispute(paymentIntentId: string, status: 'lost' | 'won'): Promise<Delivery[]> {
    const charge = this.mustCharge(paymentIntentId);
    const dispute = {
      id: id('dp'),
      object: 'dispute',
      amount: charge.amount,
      charge: charge.id,
      payment_intent: paymentIntentId,
      currency: charge.currency,
      reason: 'fraudulent',
      status,
      is_charge_refundable: false,
      created: now(),
      livemode: false,
    };
    if (status === 'lost') charge.disputed = true;
    return this.deliver([this.event('charge.dispute.closed', dispute)]);
  }

  private charge(session: StripeObject): void {
    const paymentIntent = String(session.payment_intent);
    this.charges.set(paymentIntent, {
      id: id('ch'),
      object: 'charge',
      amount: session.amount_total,
      amount_captured: session.amount_total,
      amount_refunded: 0,
      captured: true,
      currency: session.currency,
      customer: session.customer,
      disputed: false,
      paid: true,
      payment_intent: paymentIntent,
      refunded: false,
      status: 'succeeded',
      created: now(),
      livemode: false,
    });
  }

  private mustCharge(paymentIntentId: string): StripeObject {
    const charge = this.charges.get(paymentIntentId);
    if (!charge) throw new Error(`no charge for ${paymentIntentId}`);
    return charge;
  }

  /** Changes a subscription as the Dashboard or the dunning process would, and tells the platform. */
  async updateSubscription(subscriptionId: string, changes: Record<string, unknown>): Promise<Delivery[]> {
    const subscription = this.mustSubscription(subscriptionId);
    Object.assign(subscription, changes);
    return this.deliver([this.event('customer.subscription.updated', { ...subscription })]);
  }

  async cancelSubscription(subscriptionId: string): Promise<Delivery[]> {
    const subscription = this.mustSubscription(subscriptionId);
    subscription.status = 'canceled';
    return this.deliver([this.event('customer.subscription.deleted', { ...subscription })]);
  }

  /**
   * A renewal invoice that could not be charged, then (optionally) one that was. A renewal bills
   * the usage period that just ended (`periodEnd`, unix seconds, default now) and the plan's next
   * period in advance, as Stripe's do.
   */
  async failPayment(subscriptionId: string, options: InvoiceOptions = {}): Promise<Delivery[]> {
    return this.deliver([this.event('invoice.payment_failed', this.invoice(this.mustSubscription(subscriptionId), 'open', options))]);
  }

  async payInvoice(subscriptionId: string, options: InvoiceOptions = {}): Promise<Delivery[]> {
    const invoice = this.invoice(this.mustSubscription(subscriptionId), 'paid', options);
    return this.deliver([this.event('invoice.paid', invoice), ...(options.alsoPaymentSucceeded ? [this.event('invoice.payment_succeeded', { ...invoice })] : [])]);
  }

  /** Builds an event without delivering it (for replays and ordering tests). */
  event(type: string, object: StripeObject, created = this.tick()): Delivery['event'] {
    return {
      id: id('evt'),
      object: 'event',
      api_version: '2025-01-01',
      created,
      type,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object },
    };
  }

  /** The `Stripe-Signature` header Stripe would send with `payload`. */
  signature(payload: string, timestamp?: number): string {
    return this.signer.webhooks.generateTestHeaderString({ payload, secret: this.options.webhookSecret, ...(timestamp && { timestamp }) });
  }

  /** Keeps events back instead of delivering them (a webhook that arrives late), until `releaseWebhooks`. */
  holdWebhooks(): void {
    this.held ??= [];
  }

  /** Delivers the events held back since `holdWebhooks`, in order (or newest first), and delivers at once again. */
  async releaseWebhooks(order: 'as-sent' | 'newest-first' = 'as-sent'): Promise<Delivery[]> {
    const events = this.held ?? [];
    this.held = undefined;
    return this.deliver(order === 'newest-first' ? [...events].reverse() : events);
  }

  /** Delivers events one after another, as Stripe's retries would eventually (none while held). */
  async deliver(events: Delivery['event'][]): Promise<Delivery[]> {
    if (this.held) {
      this.held.push(...events);
      return [];
    }
    const out: Delivery[] = [];
    for (const event of events) out.push(await this.send(event));
    return out;
  }

  async send(event: Delivery['event']): Promise<Delivery> {
    if (!this.webhookUrl) throw new Error('the stand-in has no webhook URL to deliver to');
    const payload = JSON.stringify(event);
    const response = await fetch(this.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': this.signature(payload) },
      body: payload,
    });
    const delivery = { event, status: response.status, body: await response.text() };
    this.deliveries.push(delivery);
    return delivery;
  }

  /** A Connect event (`account` set for events of a connected account), signed with the Connect secret and delivered to the Connect URL. */
  async deliverConnect(type: string, object: StripeObject, account: string | null): Promise<Delivery> {
    const event = { ...this.event(type, object), ...(account && { account }) };
    const secret = this.options.connectWebhookSecret;
    if (!this.connectWebhookUrl || !secret) throw new Error('the stand-in has no Connect webhook URL and secret to deliver to');
    const payload = JSON.stringify(event);
    const response = await fetch(this.connectWebhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': this.signer.webhooks.generateTestHeaderString({ payload, secret }) },
      body: payload,
    });
    const delivery = { event, status: response.status, body: await response.text() };
    this.connectDeliveries.push(delivery);
    return delivery;
  }

  private invoice(subscription: StripeObject, status: 'paid' | 'open', options: InvoiceOptions = {}): StripeObject {
    const periodEnd = options.periodEnd ?? now();
    const periodStart = Number(subscription.usage_period_start ?? subscription.created);
    if (status === 'paid') subscription.usage_period_start = periodEnd;
    const price = (subscription.items as { data: { price: { id: string } }[] }).data[0]?.price.id;
    return {
      id: id('in'),
      object: 'invoice',
      customer: subscription.customer,
      status,
      subscription: subscription.id,
      parent: { type: 'subscription_details', subscription_details: { subscription: subscription.id } },
      amount_due: 0,
      period_start: periodStart,
      period_end: periodEnd,
      lines: {
        object: 'list',
        has_more: false,
        data: [
          // The plan, billed a month in advance; the metered casts of the period that ended.
          { id: id('il'), object: 'line_item', price: { id: price }, period: { start: periodEnd, end: periodEnd + 30 * 86_400 } },
          { id: id('il'), object: 'line_item', price: { id: 'metered' }, period: { start: periodStart, end: periodEnd } },
        ],
      },
      created: now(),
    };
  }

  private mustSubscription(subscriptionId: string): StripeObject {
    const subscription = this.subscriptions.get(subscriptionId);
    if (!subscription) throw new Error(`no subscription ${subscriptionId}`);
    return subscription;
  }

  // --- pages a person clicks through on a laptop or in the browser tests -------------------------

  private async pages(request: IncomingMessage, response: ServerResponse, url: URL, _raw: string): Promise<void> {
    if (await this.connect.page(request, response, url)) return;
    const checkout = /^\/checkout\/([\w]+)(\/pay)?$/.exec(url.pathname);
    if (checkout?.[1]) {
      const session = this.checkoutSessions.get(checkout[1]);
      if (!session) return html(response, 404, '<h1>No such checkout session</h1>');
      if (checkout[2] && request.method === 'POST') {
        if (session.status !== 'complete') await this.completeCheckout(session.id);
        response.writeHead(303, { location: String(session.success_url).replace('{CHECKOUT_SESSION_ID}', session.id) });
        response.end();
        return;
      }
      const amount = (Number(session.amount_total) / 100).toFixed(2);
      return html(
        response,
        200,
        `<h1>Stripe stand-in checkout</h1><p>${session.mode === 'subscription' ? 'Subscribe' : 'Pay'}: $${amount}</p>
         <form method="post" action="/checkout/${session.id}/pay"><button type="submit">Pay $${amount}</button></form>
         ${session.cancel_url ? `<p><a href="${escapeHtml(String(session.cancel_url))}">Cancel</a></p>` : ''}`,
      );
    }
    const portal = /^\/portal\/([\w]+)$/.exec(url.pathname);
    if (portal?.[1]) {
      const session = this.portalSessions.get(portal[1]);
      if (!session) return html(response, 404, '<h1>No such portal session</h1>');
      return html(response, 200, `<h1>Stripe stand-in customer portal</h1><p>Customer ${escapeHtml(String(session.customer))}</p><p><a href="${escapeHtml(String(session.return_url ?? '/'))}">Return</a></p>`);
    }
    return html(response, 404, '<h1>Not found</h1>');
  }
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
