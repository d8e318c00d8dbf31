// The official SDKs, typed just enough for these tests. @alicloud/fc2 ships no type declarations, so it is
// loaded with require() behind a narrow interface instead of a global `declare module` that other test
// files might also declare.
import FcOpen, * as $FcOpen from "@alicloud/fc-open20210406";
import * as $OpenApi from "@alicloud/openapi-client";

type Fc2Config = {
  accessKeyID: string;
  accessKeySecret: string;
  securityToken?: string;
  region: string;
  endpoint: string;
  timeout?: number;
};
type Fc2Response = { headers: Record<string, string>; data: unknown };
type Query = Record<string, string | string[]>;

export interface Fc2Client {
  /** The API version prefix; the SDK's default is 2016-08-15, set it to sign 2021-04-06 paths. */
  version: string;
  get(path: string, query?: Query | null, headers?: Record<string, string>): Promise<Fc2Response>;
  putFunctionAsyncConfig(service: string, fn: string, qualifier: string | undefined, options: object): Promise<Fc2Response>;
  getFunctionAsyncConfig(service: string, fn: string, qualifier?: string): Promise<Fc2Response>;
  listFunctionAsyncConfigs(service: string, fn: string, options?: Query): Promise<Fc2Response>;
  deleteFunctionAsyncConfig(service: string, fn: string, qualifier?: string): Promise<Fc2Response>;
}

type Fc2Module = {
  new (accountId: string, config: Fc2Config): Fc2Client;
  getSignature(
    accessKeyId: string,
    accessKeySecret: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    queries: Query | null,
  ): string;
};
type Fc2Helper = { composeStringToSign(method: string, path: string, headers: Record<string, string>, queries: Query | null): string };

export const Fc2 = require("@alicloud/fc2") as Fc2Module;
export const fc2Helper = require("@alicloud/fc2/lib/helper") as Fc2Helper;

export function fc2Client(
  origin: string,
  accountId: string,
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string },
): Fc2Client {
  return new Fc2(accountId, {
    accessKeyID: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    ...(credentials.securityToken === undefined ? {} : { securityToken: credentials.securityToken }),
    region: "cn-hangzhou",
    endpoint: origin,
    timeout: 5000,
  });
}

/** The 2021-04-06 client; `signatureAlgorithm: "v2"` switches openapi-client from ACS3 to ROA signing. */
export function fcOpenClient(
  port: number,
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string },
  signatureAlgorithm?: "v2",
): FcOpen {
  return new FcOpen(
    new $OpenApi.Config({
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      ...(credentials.securityToken === undefined ? {} : { securityToken: credentials.securityToken }),
      ...(signatureAlgorithm === undefined ? {} : { signatureAlgorithm }),
      endpoint: `127.0.0.1:${port}`,
      protocol: "http",
      regionId: "cn-hangzhou",
      readTimeout: 5000,
      connectTimeout: 5000,
    }),
  );
}

export { $FcOpen, FcOpen };
