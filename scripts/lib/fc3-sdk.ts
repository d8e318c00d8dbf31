// The official FC 3.0 SDK (@alicloud/fc20230330, ACS3-HMAC-SHA256) for an FC endpoint — the emulator's or the
// cloud's. The tests judge the emulator with it; the e2e tests and the example use it to make changes out of band.
import Fc3, * as $Fc3 from "@alicloud/fc20230330";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { handlerZipBase64, type Credentials, type Endpoint } from "./official-sdks.ts";

export { $Fc3, Fc3 };

export function fc3For(emulator: Endpoint, credentials: Credentials = emulator.credentials, signatureAlgorithm?: "v2"): Fc3 {
  return new Fc3(
    new $OpenApiUtil.Config({
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      ...(credentials.securityToken !== undefined && { securityToken: credentials.securityToken }),
      ...(signatureAlgorithm !== undefined && { signatureAlgorithm }),
      endpoint: new URL(emulator.url).host,
      protocol: new URL(emulator.url).protocol.replace(":", ""),
      regionId: emulator.region,
      readTimeout: 10_000,
      connectTimeout: 10_000,
    }),
  );
}

/** A Node.js function with real code, ready for `createFunction`. */
export function fc3NodeFunction(functionName: string, source?: string): $Fc3.CreateFunctionRequest {
  return new $Fc3.CreateFunctionRequest({
    body: new $Fc3.CreateFunctionInput({
      functionName,
      runtime: "nodejs18",
      handler: "index.handler",
      code: new $Fc3.InputCodeLocation({ zipFile: handlerZipBase64(source) }),
    }),
  });
}

/** The settings of one FC 3.0 config as the SDK reads them. */
export async function liveFc3Config(sdk: Fc3, functionName: string, qualifier?: string) {
  const { body } = await sdk.getAsyncInvokeConfig(functionName, new $Fc3.GetAsyncInvokeConfigRequest({ ...(qualifier !== undefined && { qualifier }) }));
  return {
    asyncTask: body?.asyncTask,
    maxAsyncRetryAttempts: body?.maxAsyncRetryAttempts,
    maxAsyncEventAgeInSeconds: body?.maxAsyncEventAgeInSeconds,
    destinationConfig: JSON.parse(JSON.stringify(body?.destinationConfig ?? null)) as unknown,
  };
}
