import type { ApolloServer, HTTPGraphQLRequest } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";
import { defaultFieldResolver, GraphQLSchema } from "graphql";
import { TimeoutError } from "../common/errors";
import type { Context } from "../context";
import { landingPagePolicy } from "./security-headers";

/**
 * Serves GraphQL over express with Apollo. The response is written only if
 * the deadline has not answered already; the operation name and outcome the
 * request ended with are left in `res.locals` for metrics.
 */
export function graphqlHandler(apollo: ApolloServer<Context>, contextFor: (res: Response) => Context) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      const question = req.originalUrl.indexOf("?");
      const httpGraphQLRequest: HTTPGraphQLRequest = {
        method: req.method.toUpperCase(),
        headers,
        search: question >= 0 ? req.originalUrl.slice(question) : "",
        body: req.body,
      };
      const ctx = contextFor(res);
      const answer = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => ctx });
      res.locals.operation = ctx.trace.operation;
      if (res.headersSent) return;
      res.locals.outcome = ctx.trace.outcome ?? undefined;
      for (const [key, value] of answer.headers) res.setHeader(key, value);
      res.statusCode = answer.status ?? 200;
      if (answer.body.kind === "complete") {
        if (answer.headers.get("content-type")?.startsWith("text/html")) {
          res.setHeader("Content-Security-Policy", landingPagePolicy(answer.body.string));
        }
        res.send(answer.body.string);
        return;
      }
      for await (const chunk of answer.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (e) {
      next(e);
    }
  };
}

/**
 * Makes every root field check the request's signal before it starts, so a
 * request past its deadline does no further work (and a mutation that has
 * not started does not start).
 */
export function stopRootFieldsAfterDeadline(schema: GraphQLSchema, limitMs: number): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, ctx: Context, info) => {
        if (ctx.signal.aborted) throw new TimeoutError(limitMs);
        return resolve(source, args, ctx, info);
      };
    }
  }
  return schema;
}
