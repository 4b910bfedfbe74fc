import {
  adjustmentInput,
  adjustPoints,
  awardInput,
  awardPoints,
  getLedgerAccount,
  getLedgerSettings,
  getTransaction,
  ledgerAccountOutput,
  ledgerHistoryQuery,
  ledgerSettings,
  ledgerTransactionOutput,
  reversalInput,
  reverseTransaction,
  setLedgerSettings,
  verifyLedger,
  verifyReportOutput,
} from "@advo/core/ledger";
import { requireProgram } from "@advo/core/programs";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../actor.ts";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });

export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/ledger/accounts/:id",
    {
      schema: {
        tags: ["ledger"],
        summary:
          "An advocate's points account (id is the contact id): balance, lifetime earnings and entries, newest first",
        params: idParam,
        querystring: ledgerHistoryQuery,
        response: { 200: ledgerAccountOutput },
      },
      config: { permission: "programs:read" },
    },
    async (request) => getLedgerAccount(scopeOf(request), request.params.id, request.query),
  );
  app.post(
    "/api/v1/ledger/accounts/:id/adjustments",
    {
      schema: {
        tags: ["ledger"],
        summary: "A manual credit or debit with a reason, exactly once per idempotencyKey (a debit may not overdraw)",
        params: idParam,
        body: adjustmentInput,
        response: { 200: ledgerTransactionOutput, 201: ledgerTransactionOutput },
      },
      config: { permission: "ledger:adjust" },
    },
    async (request, reply) => {
      const tx = await adjustPoints(scopeOf(request), request.params.id, request.body, actorOf(request));
      return reply.code(tx.replayed ? 200 : 201).send(tx);
    },
  );
  app.post(
    "/api/v1/ledger/accounts/:id/awards",
    {
      schema: {
        tags: ["ledger"],
        summary:
          "Award points for something done outside Advo (a CRM workflow, an event check-in), exactly once per idempotencyKey; 200 when the key was posted before",
        params: idParam,
        body: awardInput,
        response: { 200: ledgerTransactionOutput, 201: ledgerTransactionOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request, reply) => {
      const { points, reason, idempotencyKey, programId } = request.body;
      if (programId) await requireProgram(scopeOf(request), programId);
      const tx = await awardPoints(scopeOf(request), {
        contactId: request.params.id,
        points,
        reason,
        idempotencyKey,
        programId: programId ?? null,
        actor: actorOf(request),
      });
      return reply.code(tx.replayed ? 200 : 201).send(tx);
    },
  );
  app.get(
    "/api/v1/ledger/transactions/:id",
    {
      schema: {
        tags: ["ledger"],
        summary: "One ledger transaction with its entries",
        params: idParam,
        response: { 200: ledgerTransactionOutput },
      },
      config: { permission: "programs:read" },
    },
    async (request) => getTransaction(scopeOf(request), request.params.id),
  );
  app.post(
    "/api/v1/ledger/transactions/:id/reversal",
    {
      schema: {
        tags: ["ledger"],
        summary:
          "Reverse a transaction by posting its mirror image (entries are never edited or deleted); once per transaction",
        params: idParam,
        body: reversalInput,
        response: { 200: ledgerTransactionOutput, 201: ledgerTransactionOutput },
      },
      config: { permission: "ledger:adjust" },
    },
    async (request, reply) => {
      const tx = await reverseTransaction(scopeOf(request), request.params.id, request.body, actorOf(request));
      return reply.code(tx.replayed ? 200 : 201).send(tx);
    },
  );
  app.get(
    "/api/v1/settings/ledger",
    {
      schema: { tags: ["settings"], summary: "Points expiry policy", response: { 200: ledgerSettings } },
      config: { permission: "settings:read" },
    },
    async (request) => getLedgerSettings(scopeOf(request)),
  );
  app.put(
    "/api/v1/settings/ledger",
    {
      schema: {
        tags: ["settings"],
        summary: "Set the points expiry policy (applied by the worker once a day)",
        body: ledgerSettings,
        response: { 200: ledgerSettings },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => setLedgerSettings(scopeOf(request), request.body),
  );
  app.get(
    "/api/v1/ledger/verify",
    {
      schema: {
        tags: ["ledger"],
        summary: "Recompute the workspace's hash chain and balances; names any altered, missing or unbalanced entry",
        response: { 200: verifyReportOutput },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => verifyLedger(scopeOf(request)),
  );
};
