/**
 * The stand-in's Stripe Connect: Express accounts, Account Links and their onboarding page,
 * Transfers (with `transfer_group` and metadata, listable as Stripe lists them) and their
 * reversals. Connect events (`account.updated`, `transfer.reversed`) go to the Connect endpoint,
 * signed with its own secret. A test can hold the answer to an accepted Transfer to kill the caller
 * in the window where Stripe has the Transfer and the caller does not know it yet.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, html, id, now, required, StripeError, type StripeObject } from './stripe-wire.js';

export interface ConnectOptions {
  /** Signs Connect events (the platform's `STRIPE_CONNECT_WEBHOOK_SECRET`). */
  connectWebhookSecret?: string;
  /** Where Connect events are delivered (the platform's `POST /webhooks/stripe/connect`). */
  connectWebhookUrl?: string;
}

/** What Connect needs from the stand-in around it. */
export interface ConnectHost {
  baseUrl(): string;
  /** Builds, signs with the Connect secret and delivers events to the Connect URL. */
  deliverConnect(type: string, object: StripeObject, account: string | null): Promise<unknown>;
}

interface HeldAnswer {
  transfer: StripeObject;
  release(): void;
}

const DEFAULT_LIST_LIMIT = 10;

export class StripeConnect {
  readonly accounts = new Map<string, StripeObject>();
  readonly accountLinks = new Map<string, StripeObject & { account: string; return_url: string; refresh_url: string }>();
  /** Every Transfer made, in the order it was made. */
  readonly transfers = new Map<string, StripeObject>();
  private holding: { onHeld: (transfer: StripeObject) => void } | undefined;
  private held: HeldAnswer[] = [];

  constructor(private readonly host: ConnectHost) {}

  /** A POST this part answers, or `undefined` when the path is not Connect's. */
  post(path: string, params: Record<string, unknown>): StripeObject | undefined {
    if (path === '/v1/accounts') return this.createAccount(params);
    if (path === '/v1/account_links') return this.createAccountLink(params);
    if (path === '/v1/transfers') return this.createTransfer(params);
    const reversal = /^\/v1\/transfers\/([\w]+)\/reversals$/.exec(path);
    if (reversal?.[1]) {
      const made = this.createReversal(reversal[1], params);
      // Stripe tells the platform afterwards; a test that needs to wait calls `reverseTransfer`.
      void made.delivered.catch(() => undefined);
      return made.reversal;
    }
    return undefined;
  }

  /** A GET this part answers, or `undefined`. */
  get(path: string, query: Record<string, unknown>): StripeObject | undefined {
    if (path === '/v1/transfers') return this.listTransfers(query);
    const transfer = /^\/v1\/transfers\/([\w]+)$/.exec(path);
    if (transfer?.[1]) return this.mustTransfer(transfer[1]);
    const account = /^\/v1\/accounts\/([\w]+)$/.exec(path);
    if (account?.[1]) return this.mustAccount(account[1]);
    return undefined;
  }

  private createAccount(params: Record<string, unknown>): StripeObject {
    const type = required(params, 'type');
    if (type !== 'express') throw new StripeError(400, 'invalid_request_error', `The stand-in makes express accounts only, not ${type}.`, 'parameter_invalid');
    const capabilities = (params.capabilities as Record<string, { requested?: string }> | undefined) ?? {};
    const account = {
      id: id('acct'),
      object: 'account',
      type,
      country: params.country ?? 'US',
      email: params.email ?? null,
      business_type: params.business_type ?? null,
      metadata: params.metadata ?? {},
      capabilities: Object.fromEntries(Object.keys(capabilities).map((name) => [name, 'inactive'])),
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      requirements: { currently_due: ['external_account', 'individual.verification.document'], disabled_reason: 'requirements.past_due' },
      created: now(),
      livemode: false,
    };
    this.accounts.set(account.id, account);
    return account;
  }

  private createAccountLink(params: Record<string, unknown>): StripeObject {
    const account = this.mustAccount(required(params, 'account'), 'account');
    const type = required(params, 'type');
    if (type !== 'account_onboarding' && type !== 'account_update') throw new StripeError(400, 'invalid_request_error', `Invalid type: ${type}`, 'parameter_invalid');
    const linkId = id('acctlink');
    const created = now();
    const link = {
      id: linkId,
      object: 'account_link',
      account: account.id,
      return_url: required(params, 'return_url'),
      refresh_url: required(params, 'refresh_url'),
      url: `${this.host.baseUrl()}/connect/onboarding/${linkId}`,
      created,
      expires_at: created + 300,
    };
    this.accountLinks.set(linkId, link);
    // Stripe's answer carries no id or account: only these four keys.
    return { object: 'account_link', url: link.url, created, expires_at: link.expires_at } as unknown as StripeObject;
  }

  private createTransfer(params: Record<string, unknown>): StripeObject {
    const amount = Number(required(params, 'amount'));
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new StripeError(400, 'invalid_request_error', 'Invalid positive integer', 'parameter_invalid_integer');
    const currency = required(params, 'currency');
    const destination = required(params, 'destination');
    const account = this.accounts.get(destination);
    if (!account) throw new StripeError(400, 'invalid_request_error', `No such destination: '${destination}'`, 'resource_missing');
    if (account.payouts_enabled !== true) {
      throw new StripeError(
        400,
        'invalid_request_error',
        'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
        'insufficient_capabilities_for_transfer',
      );
    }
    const transferId = id('tr');
    const transfer = {
      id: transferId,
      object: 'transfer',
      amount,
      amount_reversed: 0,
      currency,
      description: params.description ?? null,
      destination,
      destination_payment: id('py'),
      balance_transaction: id('txn'),
      metadata: params.metadata ?? {},
      reversed: false,
      reversals: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/transfers/${transferId}/reversals` },
      source_transaction: null,
      transfer_group: params.transfer_group ?? null,
      created: now(),
      livemode: false,
    };
    this.transfers.set(transferId, transfer);
    return transfer;
  }

  /** Reverses a Transfer (all of what is left unless `amount`), as the Dashboard would, and delivers `transfer.reversed`. */
  async reverseTransfer(transferId: string, amount?: number): Promise<unknown> {
    return this.createReversal(transferId, amount === undefined ? {} : { amount: String(amount) }).delivered;
  }

  private createReversal(transferId: string, params: Record<string, unknown>): { reversal: StripeObject; delivered: Promise<unknown> } {
    const transfer = this.mustTransfer(transferId);
    const left = Number(transfer.amount) - Number(transfer.amount_reversed);
    const amount = params.amount === undefined ? left : Number(params.amount);
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > left) {
      throw new StripeError(400, 'invalid_request_error', `Refund amount (${amount}) is greater than the transfer's unreversed amount (${left}).`, 'parameter_invalid_integer');
    }
    const reversal = { id: id('trr'), object: 'transfer_reversal', amount, currency: transfer.currency, transfer: transfer.id, metadata: params.metadata ?? {}, created: now() };
    const reversals = transfer.reversals as { data: StripeObject[]; total_count: number };
    reversals.data.unshift(reversal);
    reversals.total_count += 1;
    transfer.amount_reversed = Number(transfer.amount_reversed) + amount;
    transfer.reversed = transfer.amount_reversed === transfer.amount;
    return { reversal, delivered: this.host.deliverConnect('transfer.reversed', structuredClone(transfer), null) };
  }

  /** Newest first, as Stripe lists; `transfer_group`, `destination`, `created[gte]`, `limit`, `starting_after`. */
  private listTransfers(query: Record<string, unknown>): StripeObject {
    const limit = Math.min(100, Math.max(1, Number(query.limit ?? DEFAULT_LIST_LIMIT)));
    const created = (query.created as Record<string, string> | undefined) ?? {};
    let matching = [...this.transfers.values()]
      .reverse()
      .filter((transfer) => query.transfer_group === undefined || transfer.transfer_group === query.transfer_group)
      .filter((transfer) => query.destination === undefined || transfer.destination === query.destination)
      .filter((transfer) => created.gte === undefined || Number(transfer.created) >= Number(created.gte));
    if (typeof query.starting_after === 'string') {
      const at = matching.findIndex((transfer) => transfer.id === query.starting_after);
      matching = at < 0 ? [] : matching.slice(at + 1);
    }
    return { id: '', object: 'list', data: matching.slice(0, limit), has_more: matching.length > limit, url: '/v1/transfers' };
  }

  // --- what a creator and Stripe do --------------------------------------------------------------

  /** The creator finishes Stripe's onboarding: the account can receive payouts, and the platform hears it. */
  async completeOnboarding(accountId: string): Promise<unknown> {
    const account = this.mustAccount(accountId);
    const capabilities = account.capabilities as Record<string, string>;
    for (const name of Object.keys(capabilities)) capabilities[name] = 'active';
    Object.assign(account, {
      details_submitted: true,
      payouts_enabled: true,
      charges_enabled: 'card_payments' in capabilities,
      requirements: { currently_due: [], disabled_reason: null },
    });
    return this.host.deliverConnect('account.updated', structuredClone(account), account.id);
  }

  /** Stripe changes an account (e.g. disables payouts pending verification) and tells the platform. */
  async updateAccount(accountId: string, changes: Record<string, unknown>): Promise<unknown> {
    const account = this.mustAccount(accountId);
    Object.assign(account, changes);
    return this.host.deliverConnect('account.updated', structuredClone(account), account.id);
  }

  /**
   * From now on, a Transfer is made but its answer is held back until `releaseTransferAnswers`.
   * The promise resolves with the first Transfer held, when Stripe has it and the caller does not.
   * (A caller still there after its SDK's timeout retries with the same key, and that replay is
   * answered at once: only first answers are held.)
   */
  holdTransferAnswers(): Promise<StripeObject> {
    return new Promise((resolve) => {
      this.holding = { onHeld: resolve };
    });
  }

  /** Answers every held Transfer request (to whoever is still listening) and stops holding. */
  releaseTransferAnswers(): void {
    this.holding = undefined;
    const held = this.held;
    this.held = [];
    for (const answer of held) answer.release();
  }

  /** Called with an accepted Transfer before it is answered: waits while answers are held. */
  async beforeTransferAnswer(transfer: StripeObject): Promise<void> {
    const holding = this.holding;
    if (!holding) return;
    await new Promise<void>((release) => {
      this.held.push({ transfer, release });
      holding.onHeld(transfer);
    });
  }

  // --- the onboarding page -----------------------------------------------------------------------

  /** `GET /connect/onboarding/:link` and its form's POST; `false` when the path is not one of these. */
  async page(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    const match = /^\/connect\/onboarding\/([\w]+)(\/complete)?$/.exec(url.pathname);
    if (!match?.[1]) return false;
    const link = this.accountLinks.get(match[1]);
    if (!link) {
      html(response, 404, '<h1>No such account link</h1>');
      return true;
    }
    if (link.expires_at !== undefined && Number(link.expires_at) < now()) {
      response.writeHead(303, { location: link.refresh_url });
      response.end();
      return true;
    }
    if (match[2] && request.method === 'POST') {
      await this.completeOnboarding(link.account);
      response.writeHead(303, { location: link.return_url });
      response.end();
      return true;
    }
    html(
      response,
      200,
      `<h1>Stripe stand-in: Connect onboarding</h1><p>Account ${escapeHtml(link.account)}</p>
       <form method="post" action="/connect/onboarding/${link.id}/complete"><button type="submit">Complete onboarding</button></form>
       <p><a href="${escapeHtml(link.refresh_url)}">Not now</a></p>`,
    );
    return true;
  }

  private mustAccount(accountId: string, param?: string): StripeObject {
    const account = this.accounts.get(accountId);
    if (!account) throw new StripeError(param ? 400 : 404, 'invalid_request_error', `No such account: '${accountId}'`, 'resource_missing');
    return account;
  }

  private mustTransfer(transferId: string): StripeObject {
    const transfer = this.transfers.get(transferId);
    if (!transfer) throw new StripeError(404, 'invalid_request_error', `No such transfer: '${transferId}'`, 'resource_missing');
    return transfer;
  }
}
