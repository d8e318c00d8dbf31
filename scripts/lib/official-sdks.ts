// Clients of the official Alibaba Cloud SDKs for an FC endpoint (the emulator's, or the cloud's): @alicloud/fc2
// (2016-08-15, FC signature) and @alicloud/fc-open20210406 (2021-04-06, ACS3 or ROA). The tests use them to
// check the emulator against the SDKs; the demo and examples use them to make changes "out of band".
import FcOpen, * as $FcOpen from "@alicloud/fc-open20210406";
import * as $OpenApi from "@alicloud/openapi-client";
import { strToU8, zipSync } from "fflate";

export { $FcOpen, FcOpen };

type Fc2Response<T = Record<string, unknown>> = { headers: Record<string, string>; data: T };
type Options = Record<string, unknown>;

/** @alicloud/fc2 ships no types; this is the part of its surface the tests call. */
export interface Fc2Client {
  createService(name: string, options?: Options): Promise<Fc2Response>;
  getService(name: string, headers?: Options, qualifier?: string): Promise<Fc2Response>;
  updateService(name: string, options: Options): Promise<Fc2Response>;
  deleteService(name: string): Promise<Fc2Response>;
  listServices(options?: Options): Promise<Fc2Response>;
  createFunction(service: string, options: Options): Promise<Fc2Response>;
  getFunction(service: string, fn: string, headers?: Options, qualifier?: string): Promise<Fc2Response>;
  updateFunction(service: string, fn: string, options: Options): Promise<Fc2Response>;
  deleteFunction(service: string, fn: string): Promise<Fc2Response>;
  listFunctions(service: string, options?: Options, headers?: Options, qualifier?: string): Promise<Fc2Response>;
  publishVersion(service: string, description?: string): Promise<Fc2Response>;
  listVersions(service: string, options?: Options): Promise<Fc2Response>;
  deleteVersion(service: string, versionId: string): Promise<Fc2Response>;
  createAlias(service: string, alias: string, versionId: string, options?: Options): Promise<Fc2Response>;
  getAlias(service: string, alias: string): Promise<Fc2Response>;
  updateAlias(service: string, alias: string, versionId: string | undefined, options?: Options): Promise<Fc2Response>;
  deleteAlias(service: string, alias: string): Promise<Fc2Response>;
  listAliases(service: string, options?: Options): Promise<Fc2Response>;
  putFunctionAsyncConfig(service: string, fn: string, qualifier: string | undefined, options: Options): Promise<Fc2Response>;
  getFunctionAsyncConfig(service: string, fn: string, qualifier?: string): Promise<Fc2Response>;
  deleteFunctionAsyncConfig(service: string, fn: string, qualifier?: string): Promise<Fc2Response>;
  listFunctionAsyncConfigs(service: string, fn: string, options?: Options): Promise<Fc2Response>;
  get(path: string, query?: Options | null, headers?: Options): Promise<Fc2Response>;
  request(method: string, path: string, query: Options | null, body: unknown, headers?: Options): Promise<Fc2Response>;
}

type Fc2Constructor = new (
  accountId: string,
  config: { accessKeyID: string; accessKeySecret: string; securityToken?: string; region: string; endpoint: string; timeout: number },
) => Fc2Client;
const Fc2 = require("@alicloud/fc2") as Fc2Constructor;

export type Credentials = { accessKeyId: string; accessKeySecret: string; securityToken?: string };

/** Where an emulator listens and who to be: an `Emulator`, or the same facts about one in another process. */
export type Endpoint = {
  url: string;
  region: string;
  credentials: { accountId: string; accessKeyId: string; accessKeySecret: string };
};

export function fc2For(emulator: Endpoint, credentials: Credentials = emulator.credentials, accountId = emulator.credentials.accountId): Fc2Client {
  return new Fc2(accountId, {
    accessKeyID: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    ...(credentials.securityToken !== undefined && { securityToken: credentials.securityToken }),
    region: emulator.region,
    endpoint: emulator.url,
    timeout: 10_000,
  });
}

/** The 2021-04-06 client, signing with ACS3-HMAC-SHA256 (its default) or ROA (`"v2"`). */
export function fcOpenFor(emulator: Endpoint, credentials: Credentials = emulator.credentials, signatureAlgorithm?: "v2"): FcOpen {
  return new FcOpen(
    new $OpenApi.Config({
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      ...(credentials.securityToken !== undefined && { securityToken: credentials.securityToken }),
      ...(signatureAlgorithm !== undefined && { signatureAlgorithm }),
      endpoint: new URL(emulator.url).host,
      protocol: "http",
      regionId: emulator.region,
      readTimeout: 10_000,
      connectTimeout: 10_000,
    }),
  );
}

/** A real zip holding one Node.js handler, base64 — what CreateFunction's `code.zipFile` takes. */
export function handlerZipBase64(source = "exports.handler = (event, context, callback) => callback(null, 'ok');\n"): string {
  return Buffer.from(zipSync({ "index.js": strToU8(source) })).toString("base64");
}

export const nodeFunction = (functionName: string) => ({
  functionName,
  runtime: "nodejs18",
  handler: "index.handler",
  code: { zipFile: handlerZipBase64() },
});


/** The settings of one async invoke config as the official SDK reads them (the fields a test compares). */
export type LiveAsyncConfig = {
  qualifier: unknown;
  maxAsyncRetryAttempts: unknown;
  maxAsyncEventAgeInSeconds: unknown;
  statefulInvocation: unknown;
  destinationConfig: unknown;
};

export async function liveAsyncConfig(sdk: Fc2Client, service: string, fn: string, qualifier?: string): Promise<LiveAsyncConfig> {
  const { data } = await sdk.getFunctionAsyncConfig(service, fn, qualifier);
  return {
    qualifier: data["qualifier"],
    maxAsyncRetryAttempts: data["maxAsyncRetryAttempts"],
    maxAsyncEventAgeInSeconds: data["maxAsyncEventAgeInSeconds"],
    statefulInvocation: data["statefulInvocation"],
    destinationConfig: data["destinationConfig"],
  };
}
