/**
 * The double's routes for NPM's certificates, in the shape `server.ts` serves.
 *
 * @module
 */
import type { CertificateCreate } from "./bodies.ts";
import type { Certificates } from "./certificates.ts";
import { expandOf, strictId } from "./query.ts";
import { errorReply, type Reply } from "./types.ts";

/** One certificate route; `files`: a multipart upload, read before the missing-token check. */
export interface CertificateRoute {
  method: string;
  path: RegExp;
  auth: "list" | "other";
  body?: "certificateCreate";
  files?: boolean;
  write?: boolean;
  run(
    parts: { certificates: Certificates },
    call: { match: RegExpExecArray; url: URL; body: unknown },
  ): Reply | Promise<Reply>;
}

const ONE = /^\/api\/nginx\/certificates\/([^/]+)$/;

/** `GET`/`POST /api/nginx/certificates`, `GET`/`DELETE …/{id}` and `POST …/{id}/upload`. */
export const CERTIFICATE_ROUTES: CertificateRoute[] = [
  {
    method: "GET",
    path: /^\/api\/nginx\/certificates$/,
    auth: "list",
    run: ({ certificates }, { url }) => certificates.list(expandOf(url)),
  },
  {
    method: "POST",
    path: /^\/api\/nginx\/certificates$/,
    auth: "other",
    body: "certificateCreate",
    write: true,
    run: ({ certificates }, { body }) => certificates.create(body as CertificateCreate),
  },
  {
    method: "GET",
    path: ONE,
    auth: "other",
    run: ({ certificates }, { match, url }) => {
      const id = strictId(match[1]);
      return id === null ? errorReply(400, "Internal Error") : certificates.get(id, expandOf(url));
    },
  },
  {
    method: "DELETE",
    path: ONE,
    auth: "other",
    write: true,
    run: ({ certificates }, { match }) => certificates.delete(parseInt(match[1])),
  },
  {
    method: "POST",
    path: /^\/api\/nginx\/certificates\/([^/]+)\/upload$/,
    auth: "other",
    files: true,
    write: true,
    run: ({ certificates }, { match, body }) =>
      certificates.upload(parseInt(match[1]), body as Record<string, string>),
  },
];
