import express, { RequestHandler } from "express";
import { ErrorCode } from "../common/errors";
import { sendError } from "./respond";

/**
 * A browser app's built files (the console's, the editor's). Their names carry
 * a hash of their content, so they are cached for a year without
 * revalidation; a name not found is a 404 in the API's error shape, and goes
 * no further.
 */
export function hashedAssets(dir: string): RequestHandler[] {
  return [
    express.static(dir, { immutable: true, maxAge: "365d", index: false, redirect: false, dotfiles: "ignore" }),
    (_req, res) => sendError(res, 404, ErrorCode.NOT_FOUND, "no such path"),
  ];
}
